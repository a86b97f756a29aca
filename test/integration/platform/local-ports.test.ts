import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { startRuntime } from '../../../local/runtime';
import { OneThingClient, sampleFiles } from '../../../local/client';
import { DEFAULT_CLOCK_START, startTestRuntime, type TestRuntime } from '../support/runtime';
import { fileFor, getService, submitExample, waitForBranches } from '../support/flows';

/**
 * The local ports answer this machine, not web pages (issue #14, item 7): a DNS-rebinding
 * `Host` or a foreign `Origin` is refused on the API, DynamoDB, S3 and Step Functions ports,
 * with no CORS headers; the SDKs and the web UI's own origin keep working.
 */
let t: TestRuntime;
let ports: Record<'api' | 'dynamodb' | 's3' | 'sfn', number>;
beforeAll(async () => {
  t = await startTestRuntime();
  const port = (url: string) => Number(new URL(url).port);
  const { urls } = t.runtime;
  ports = { api: port(urls.api), dynamodb: port(urls.dynamodb), s3: port(urls.s3), sfn: port(urls.sfn) };
});
afterAll(() => t.close());

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request with headers `fetch` will not send as given (`Host`). */
function raw(
  port: number,
  opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path ?? '/', headers: opts.headers ?? {}, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const TOKEN_REQUEST = JSON.stringify({ role: 'admin', sub: 'attacker' });
// Signed requests as far as the servers check (dynalite wants the header's shape, not a valid signature).
const SIGNED = 'AWS4-HMAC-SHA256 Credential=local/20260930/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=00';
const amzJson = (target: string) => ({
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': target,
  authorization: SIGNED,
  'x-amz-date': '20260930T020000Z',
});
/** A request each port would serve, to show that the refusal is about Host/Origin only. */
const probes = {
  api: { method: 'POST', path: '/v1/dev/tokens', headers: { 'content-type': 'application/json' }, body: TOKEN_REQUEST },
  dynamodb: { method: 'POST', path: '/', headers: amzJson('DynamoDB_20120810.ListTables'), body: '{}' },
  s3: { method: 'GET', path: '/onething-materials?list-type=2', headers: {} as Record<string, string>, body: '' },
  sfn: { method: 'POST', path: '/', headers: amzJson('AWSStepFunctions.ListStateMachines'), body: '{}' },
} as const;
const PORTS = ['api', 'dynamodb', 's3', 'sfn'] as const;

test.each(PORTS)("%s: a DNS-rebinding Host is refused with 403 in the port's protocol", async (name) => {
  const probe = probes[name];
  const res = await raw(ports[name], { ...probe, headers: { ...probe.headers, host: `attacker.example:${ports[name]}` } });
  expect(res.status).toBe(403);
  expect(res.headers['access-control-allow-origin']).toBeUndefined();
  expect(res.body).not.toMatch(/token|TableNames|stateMachines|ListBucketResult/);
  if (name === 'api') expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  if (name === 'dynamodb' || name === 'sfn') expect(JSON.parse(res.body).__type).toMatch(/AccessDeniedException$/);
  if (name === 's3') expect(res.body).toContain('<Code>AccessDenied</Code>');
  // The loopback name on another port is foreign too (a page served there).
  expect((await raw(ports[name], { ...probe, headers: { ...probe.headers, host: `127.0.0.1:${ports[name] + 1}` } })).status).toBe(403);
});

test.each(PORTS)('%s: a foreign Origin gets 403 and no CORS headers, preflight included', async (name) => {
  const probe = probes[name];
  for (const origin of ['http://attacker.example', `http://attacker.example:${ports[name]}`, 'null', `http://127.0.0.1:${ports.api + 7}`]) {
    const res = await raw(ports[name], { ...probe, headers: { ...probe.headers, host: `127.0.0.1:${ports[name]}`, origin } });
    expect([origin, res.status]).toEqual([origin, 403]);
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    const preflight = await raw(ports[name], {
      method: 'OPTIONS',
      path: probe.path,
      headers: {
        host: `127.0.0.1:${ports[name]}`,
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(Object.keys(preflight.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  }
  // A GET a page elsewhere makes the browser send without Origin (<img src>, <script src>).
  const noCors = await raw(ports[name], {
    ...probe,
    headers: { ...probe.headers, host: `127.0.0.1:${ports[name]}`, 'sec-fetch-site': 'cross-site' },
  });
  expect(noCors.status).toBe(403);
});

test.each(PORTS)('%s: loopback Host names with the right port and no Origin are served', async (name) => {
  const probe = probes[name];
  for (const host of [`127.0.0.1:${ports[name]}`, `localhost:${ports[name]}`]) {
    const res = await raw(ports[name], { ...probe, headers: { ...probe.headers, host } });
    expect([host, res.status]).toEqual([host, 200]);
  }
});

/** SDK middleware that adds the `Origin` a browser would. */
const asWebPage =
  <T extends { request: unknown }, R>(next: (args: T) => Promise<R>) =>
  (args: T) => {
    (args.request as { headers: Record<string, string> }).headers.origin = 'http://attacker.example';
    return next(args);
  };

test('the AWS SDK keeps working against DynamoDB, S3 and Step Functions, and reports a refusal as AccessDenied 403', async () => {
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const ddb = new DynamoDBClient({ endpoint: t.runtime.urls.dynamodb, region: 'us-east-1', credentials });
  const s3 = new S3Client({
    endpoint: t.runtime.urls.s3,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    forcePathStyle: true,
  });
  const sfn = new SFNClient({ endpoint: t.runtime.urls.sfn, region: 'us-east-1', credentials });
  try {
    expect((await ddb.send(new ListTablesCommand({}))).TableNames).toContain('onething-main');
    expect(await s3.send(new ListObjectsV2Command({ Bucket: 'onething-materials' }))).toMatchObject({ Name: 'onething-materials' });
    expect((await sfn.send(new ListStateMachinesCommand({}))).stateMachines?.length).toBeGreaterThan(0);
    // The same calls as a web page would make them.
    ddb.middlewareStack.add(asWebPage, { step: 'build' });
    s3.middlewareStack.add(asWebPage, { step: 'build' });
    sfn.middlewareStack.add(asWebPage, { step: 'build' });
    const denied = { $metadata: { httpStatusCode: 403 } };
    await expect(ddb.send(new ListTablesCommand({}))).rejects.toMatchObject({ name: 'AccessDeniedException', ...denied });
    await expect(s3.send(new ListObjectsV2Command({ Bucket: 'onething-materials' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      ...denied,
    });
    await expect(sfn.send(new ListStateMachinesCommand({}))).rejects.toMatchObject({ name: 'AccessDeniedException', ...denied });
  } finally {
    ddb.destroy();
    s3.destroy();
    sfn.destroy();
  }
});

test("the web UI's origin (the API port) may PUT presigned uploads to S3 from a browser; the API answers its own origin", async () => {
  const apiOrigin = `http://localhost:${ports.api}`;
  const citizen = await t.api.login({ role: 'citizen', sub: 'browser-user' });
  const bytes = sampleFiles.pdf('browser');
  const { createHash } = await import('node:crypto');
  const ticket = await citizen.request<{ url: string; headers: Record<string, string> }>('POST', '/v1/uploads', {
    serviceId: 'school-enrolment',
    materialId: 'household-booklet',
    contentType: 'application/pdf',
    sizeBytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  });
  const url = new URL(ticket.url);
  const preflight = await raw(ports.s3, {
    method: 'OPTIONS',
    path: url.pathname + url.search,
    headers: {
      host: url.host,
      origin: apiOrigin,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': Object.keys(ticket.headers).join(','),
    },
  });
  expect(preflight.status).toBe(200);
  expect(preflight.headers['access-control-allow-methods']).toContain('PUT');
  const put = await raw(ports.s3, {
    method: 'PUT',
    path: url.pathname + url.search,
    headers: { ...ticket.headers, host: url.host, origin: apiOrigin },
    body: bytes,
  });
  expect(put.status).toBe(200);
  expect(put.headers['access-control-allow-origin']).toBe(apiOrigin);

  const sameOrigin = await raw(ports.api, { path: '/v1/services', headers: { host: `localhost:${ports.api}`, origin: apiOrigin } });
  expect(sameOrigin.status).toBe(200);
});

/** A runtime of its own, on a data folder the test prepares. */
async function ownRuntime(dataDir: string, devRoutes?: boolean) {
  const runtime = await startRuntime({
    dataDir,
    host: '127.0.0.1',
    ports: { api: 0, dynamodb: 0, s3: 0, sfn: 0 },
    clockStart: new Date(DEFAULT_CLOCK_START),
    ...(devRoutes === undefined ? {} : { devRoutes }),
    region: 'us-east-1',
    accountId: '000000000000',
    partition: 'aws',
  });
  return { runtime, api: new OneThingClient(runtime.urls.api) };
}

test('without the dev routes (ONETHING_DEV_ROUTES=off) /v1/dev/* answers 404, as on AWS', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onething-nodev-'));
  const { runtime, api } = await ownRuntime(dataDir, false);
  try {
    await expect(api.request('POST', '/v1/dev/tokens', { role: 'admin', sub: 'x' })).rejects.toMatchObject({ status: 404 });
    await expect(api.request('GET', '/v1/dev/clock')).rejects.toMatchObject({ status: 404 });
    await expect(api.request('POST', '/v1/dev/clock', { advanceSeconds: 86400 })).rejects.toMatchObject({ status: 404 });
    expect(runtime.clock.now().getTime()).toBeLessThan(Date.parse(DEFAULT_CLOCK_START) + 86_400_000);
    expect((await api.request<{ items: unknown[] }>('GET', '/v1/services')).items.length).toBeGreaterThan(0);
  } finally {
    await runtime.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

/** Every folder and file under `dir` with its permission bits, symbolic links left out. */
function modes(dir: string): Array<{ file: string; mode: string }> {
  const out = [{ file: '.', mode: (fs.statSync(dir).mode & 0o777).toString(8) }];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isSymbolicLink()) continue;
      out.push({ file: path.relative(dir, full), mode: (fs.statSync(full).mode & 0o777).toString(8) });
      if (entry.isDirectory()) walk(full);
    }
  };
  walk(dir);
  return out;
}

test('the data folder is private: folders 0700 and files 0600, those the libraries create during use and those of an older folder', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onething-modes-'));
  // A folder as an earlier version left it: world-readable.
  fs.chmodSync(dataDir, 0o755);
  fs.mkdirSync(path.join(dataDir, 's3'), { mode: 0o755 });
  fs.writeFileSync(path.join(dataDir, 'clock.json'), JSON.stringify({ offsetMs: 0, lastNow: DEFAULT_CLOCK_START }), { mode: 0o644 });
  fs.chmodSync(path.join(dataDir, 'clock.json'), 0o644);
  const { runtime, api } = await ownRuntime(dataDir);
  try {
    // Activity: tables, an upload, an application, executions, an advance of the clock.
    const citizen = await api.login({ role: 'citizen', sub: 'modes' });
    const service = await getService(api, 'school-enrolment');
    await citizen.upload(service.id, fileFor(service.materials[0]!));
    const id = await submitExample(citizen, service);
    await waitForBranches(citizen, id, service.departments.length);
    await api.advanceClock(3600);
  } finally {
    await runtime.close();
  }
  try {
    const all = modes(dataDir);
    expect(all.length).toBeGreaterThan(10);
    const isDir = (f: string) => fs.statSync(path.join(dataDir, f)).isDirectory();
    expect(all.filter((e) => e.mode !== (isDir(e.file) ? '700' : '600'))).toEqual([]);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
