/** Reads a node:http request into the raw parts API Gateway works from. */
import type http from 'node:http';
import { PayloadTooLargeError } from '../../shared/errors';
import { requestProblem } from '../../shared/i18n';

/** API Gateway's payload limit for HTTP APIs. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

export interface RawRequest {
  method: string;
  rawPath: string;
  rawQueryString: string;
  headers: Record<string, string>;
  body: Buffer;
  sourceIp: string;
}

/** Method, path and query of a request, available before its body is read. */
export interface RequestTarget {
  method: string;
  rawPath: string;
  rawQueryString: string;
}

/** Splits the request target as sent: `new URL()` would fold `//x` into a host and resolve dot segments. */
export function requestTarget(req: http.IncomingMessage): RequestTarget {
  const target = req.url ?? '/';
  const queryAt = target.indexOf('?');
  return {
    method: req.method ?? 'GET',
    rawPath: queryAt < 0 ? target : target.slice(0, queryAt),
    rawQueryString: queryAt < 0 ? '' : target.slice(queryAt + 1),
  };
}

/** The whole request: headers joined, body read (413 when over {@link MAX_REQUEST_BYTES}). */
export async function readRawRequest(req: http.IncomingMessage, target: RequestTarget): Promise<RawRequest> {
  return {
    ...target,
    headers: joinHeaders(req.headers),
    body: await readBody(req),
    sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
  };
}

const tooLarge = (bytes: number) => new PayloadTooLargeError(requestProblem('body-too-large', { size: bytes, limit: MAX_REQUEST_BYTES }));

/** The whole body, or 413 as soon as it passes the limit (the rest is drained, not kept). */
function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    req.on('end', () => (size > MAX_REQUEST_BYTES ? reject(tooLarge(size)) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** Lower-cased names; repeated headers joined with commas, as API Gateway v2 does. */
function joinHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}
