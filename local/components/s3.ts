import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { guardRequests, refuseS3Xml } from '../loopback';
import type { RunningComponent } from './dynamodb';
// s3rver ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver');

/**
 * Lets the web UI's pages PUT presigned uploads and GET material links from the browser. The
 * rule admits loopback origins only; the guard in front narrows them to the API's own origin
 * (`browserOriginPorts`), which s3rver cannot be told at start when the API port is picked later.
 * Written at every start, so a data folder made with the old `*` rule is corrected.
 */
const LOCAL_CORS =
  '<CORSConfiguration><CORSRule>' +
  ['http://127.0.0.1:*', 'http://localhost:*', 'http://[::1]:*'].map((o) => `<AllowedOrigin>${o}</AllowedOrigin>`).join('') +
  '<AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod>' +
  '<AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>';

/**
 * Starts s3rver (the S3 API on the file system) persisted under `dir`, with the buckets created,
 * behind the loopback guard (`local/loopback.ts`). `browserOriginPorts` are the ports whose
 * loopback pages may call it (the API's); read per request, so it may be known only later.
 */
export async function startS3(opts: {
  host: string;
  port: number;
  dir: string;
  buckets: string[];
  browserOriginPorts?: () => readonly number[];
}): Promise<RunningComponent> {
  fs.mkdirSync(opts.dir, { recursive: true });
  const s3rver = new S3rver({
    directory: opts.dir,
    silent: true,
    resetOnClose: false,
    configureBuckets: opts.buckets.map((name) => ({ name, configs: [LOCAL_CORS] })),
  });
  await s3rver.configureBuckets();
  // Our own server around s3rver's Koa handler (what its run() would listen with), so that the
  // guard is in place before the port accepts anything.
  const server = http.createServer(s3rver.callback());
  guardRequests(server, { refuse: refuseS3Xml, ...(opts.browserOriginPorts ? { originPorts: opts.browserOriginPorts } : {}) });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          // What s3rver's own server does on close: release its logger.
          s3rver.logger.exceptions.unhandle();
          s3rver.logger.close();
          resolve();
        });
      }),
  };
}
