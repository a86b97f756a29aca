import fs from 'node:fs';
import type { RunningComponent } from './dynamodb';
// s3rver ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver');

/** Lets a browser on any local origin PUT presigned uploads (the web UI) and GET material links. */
const LOCAL_CORS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`;

/** Starts s3rver (the S3 API on the file system) persisted under `dir`, with the buckets created. */
export async function startS3(opts: { host: string; port: number; dir: string; buckets: string[] }): Promise<RunningComponent> {
  fs.mkdirSync(opts.dir, { recursive: true });
  const server = new S3rver({
    address: opts.host,
    port: opts.port,
    directory: opts.dir,
    silent: true,
    resetOnClose: false,
    configureBuckets: opts.buckets.map((name) => ({ name, configs: [LOCAL_CORS] })),
  });
  const address: { port: number } = await server.run();
  return { port: address.port, close: () => server.close() };
}
