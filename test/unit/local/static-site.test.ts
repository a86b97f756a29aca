import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createStaticSite } from '../../../local/http/static';
import { webContentSecurityPolicy } from '../../../shared/web-csp';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'onething-site-'));
fs.mkdirSync(path.join(root, 'assets'));
fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>app</title>');
fs.writeFileSync(path.join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
fs.writeFileSync(path.join(root, 'assets', 'index-abc123.css'), 'body{}');
fs.writeFileSync(path.join(os.tmpdir(), 'onething-site-secret.txt'), 'secret');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const site = createStaticSite(root, { s3Origin: () => 'http://127.0.0.1:4569' });
const text = (r: ReturnType<typeof site.serve>) => Buffer.from(r!.body ?? '', 'base64').toString('utf8');

describe('the web UI on the API origin', () => {
  test('hashed assets: their content type and a year of immutable caching', () => {
    const js = site.serve('/assets/index-abc123.js', 'GET')!;
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(text(js)).toBe('console.log(1)');
    expect(site.serve('/assets/index-abc123.css', 'GET')!.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  test('the page itself is revalidated and carries a CSP that admits only this origin and the S3 port', () => {
    const page = site.serve('/', 'GET')!;
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("connect-src 'self' http://127.0.0.1:4569");
    // The same directives CloudFront sends on AWS (infra/constructs/web.ts), only the origins differ.
    expect(page.headers['content-security-policy']).toBe(webContentSecurityPolicy(['http://127.0.0.1:4569']));
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  test('a client-side route gets the app; a missing asset is a 404, not the app', () => {
    expect(text(site.serve('/applications/A123', 'GET'))).toContain('<title>app</title>');
    expect(site.serve('/assets/old-chunk.js', 'GET')!.statusCode).toBe(404);
  });

  test.each([
    '/../onething-site-secret.txt',
    '/%2e%2e/onething-site-secret.txt',
    '/assets/..%2f..%2fonething-site-secret.txt',
    '/%00',
    '/..\\x.txt',
  ])('nothing outside the folder is reachable: %s', (p) => {
    const r = site.serve(p, 'GET');
    expect(r && text(r)).not.toContain('secret');
  });

  test('HEAD answers the headers without a body', () => {
    const head = site.serve('/assets/index-abc123.js', 'HEAD')!;
    expect(head.statusCode).toBe(200);
    expect(head.body).toBeUndefined();
  });

  test('no build, no site: the API answers those paths itself', () => {
    expect(createStaticSite(path.join(root, 'missing')).serve('/', 'GET')).toBeUndefined();
  });
});
