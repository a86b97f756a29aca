import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SfnError, type SfnApi } from '../api-types';
import { readBody } from './body';
import { AccessDeniedError, ClientClosedError, InternalFailure, MethodNotAllowedError, RequestTooLargeError } from './errors';
import { CONTENT_TYPE, errorBody, parseBody, parseTarget } from './protocol';

/** 1 MiB: four times AWS's 256 KiB input/output limit, so the engine reports those itself. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

export interface SfnHttpServerOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** @default DEFAULT_BODY_LIMIT_BYTES */
  bodyLimitBytes?: number;
  /**
   * Sees every non-`SfnError` the engine threw (clients only get `InternalFailure`).
   * @default console.error with the request id
   */
  onInternalError?: (err: unknown, requestId: string) => void;
  /**
   * Says why a request must be refused (403 `AccessDeniedException`, e.g. a foreign `Host` or
   * `Origin`), or returns undefined to serve it. The local runtime passes its loopback check.
   * @default every request is served
   */
  guard?: (req: IncomingMessage) => string | undefined;
}

export interface SfnHttpServer {
  port: number;
  url: string;
  /** Stops accepting connections, closes idle keep-alive sockets, waits for in-flight requests. */
  close(): Promise<void>;
}

/**
 * Serves an `SfnApi` over the AWS Step Functions JSON 1.0 protocol, so that
 * `@aws-sdk/client-sfn` and the AWS CLI work against it with an endpoint override.
 * @example
 * const server = await startSfnHttpServer(engine, { port: 0 });
 * const sfn = new SFNClient({ endpoint: server.url, region: 'us-east-1', credentials });
 */
export async function startSfnHttpServer(api: SfnApi, options: SfnHttpServerOptions): Promise<SfnHttpServer> {
  const host = options.host ?? '127.0.0.1';
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const onInternalError =
    options.onInternalError ??
    ((err: unknown, requestId: string) => console.error(`[stepfunctions/http] internal error (request ${requestId})`, err));
  // A slow or stalled client is cut off instead of holding a socket forever.
  const timeouts = { headersTimeout: 10_000, requestTimeout: 30_000 };
  const server = createServer({ keepAlive: true, ...timeouts }, (req, res) => {
    void handle(api, req, res, limit, onInternalError, options.guard);
  });
  // Clients (the SDK's agent) reuse sockets for a while; outlive their idle timeout.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

async function handle(
  api: SfnApi,
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
  onInternalError: (err: unknown, requestId: string) => void,
  guard?: (req: IncomingMessage) => string | undefined,
): Promise<void> {
  const requestId = randomUUID();
  try {
    // Read the body before any other check, so that a refused request leaves the keep-alive
    // socket ready for the next one.
    const body = await readBody(req, limit);
    const refusal = guard?.(req);
    if (refusal !== undefined) throw new AccessDeniedError(refusal);
    if (req.method !== 'POST' || (req.url !== '/' && !req.url?.startsWith('/?'))) {
      throw new MethodNotAllowedError(req.method ?? '', req.url ?? '');
    }
    const operation = parseTarget(header(req, 'x-amz-target'));
    const input = parseBody(body);
    const output = await api.call(operation, input);
    send(res, 200, requestId, JSON.stringify(output));
  } catch (err) {
    if (err instanceof ClientClosedError) return;
    const known = err instanceof SfnError ? err : new InternalFailure();
    if (!(err instanceof SfnError)) onInternalError(err, requestId);
    // A body left unread (too large) makes the socket unusable for the next request.
    const closeAfter = err instanceof RequestTooLargeError || !req.complete;
    send(res, known.httpStatus, requestId, errorBody(known), known.code, closeAfter);
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function send(res: ServerResponse, status: number, requestId: string, body: string, errorCode?: string, closeAfter = false): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string | number> = {
    'Content-Type': CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': requestId,
  };
  if (errorCode !== undefined) headers['x-amzn-ErrorType'] = errorCode;
  if (closeAfter) headers.Connection = 'close';
  res.writeHead(status, headers);
  res.end(body);
}
