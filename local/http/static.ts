/**
 * Serves the built web UI (web/dist) on the API's own origin, as CloudFront serves it on AWS:
 * hashed `assets/*` cached for a year (immutable), everything else revalidated; a path that
 * names no file and has no extension gets `index.html` (the SPA's own router answers it);
 * nothing outside the folder is reachable (decoded, normalised and checked to stay inside).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { HttpResult } from '../../functions/http/responses';
import { webContentSecurityPolicy } from '../../shared/web-csp';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** The page may talk to its own origin and to the local S3 port (presigned uploads and material links). */
const contentSecurityPolicy = (s3Origin: string | undefined) => webContentSecurityPolicy(s3Origin ? [s3Origin] : []);

const NOT_FOUND: HttpResult = {
  statusCode: 404,
  headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
  body: 'Not found',
};

export interface StaticSite {
  /** The result for a GET/HEAD of `rawPath`, or `undefined` when the site has no answer (not built). */
  serve(rawPath: string, method: string): HttpResult | undefined;
}

/** A static site over `root`; `s3Origin` is admitted by the page's CSP for uploads. */
export function createStaticSite(root: string, opts: { s3Origin?: () => string | undefined } = {}): StaticSite {
  const base = path.resolve(root);
  const indexFile = path.join(base, 'index.html');

  const fileFor = (rawPath: string): string | undefined => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(rawPath);
    } catch {
      return undefined;
    }
    if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
    const resolved = path.resolve(base, `.${path.posix.normalize(`/${decoded}`)}`);
    if (resolved !== base && !resolved.startsWith(`${base}${path.sep}`)) return undefined;
    return resolved;
  };

  const respond = (file: string, method: string, status = 200): HttpResult => {
    const body = fs.readFileSync(file);
    const immutable = file.startsWith(`${path.join(base, 'assets')}${path.sep}`);
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    return {
      statusCode: status,
      headers: {
        'content-type': type,
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        ...(type.startsWith('text/html')
          ? { 'content-security-policy': contentSecurityPolicy(opts.s3Origin?.()), 'x-frame-options': 'DENY' }
          : {}),
      },
      ...(method === 'HEAD' ? {} : { body: body.toString('base64'), isBase64Encoded: true }),
    };
  };

  return {
    serve(rawPath, method) {
      if (!fs.existsSync(indexFile)) return undefined;
      const file = fileFor(rawPath);
      if (file !== undefined && fs.existsSync(file) && fs.statSync(file).isFile()) return respond(file, method);
      // A missing asset is a 404, not the app: a stale page asking for an old chunk must fail loudly.
      if (file === undefined || path.extname(file) !== '') return NOT_FOUND;
      return respond(indexFile, method);
    },
  };
}
