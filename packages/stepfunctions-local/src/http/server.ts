import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SfnApi } from '../api-types';
import { readBody } from './body';
import { dispatchSfnRequest, errorAnswer, type SfnAnswer } from './dispatch';
import { AccessDeniedError, ClientClosedError, RequestTooLargeError } from './errors';
import { CONTENT_TYPE } from './protocol';
import { DEFAULT_BODY_LIMIT_BYTES } from './limits';

export { DEFAULT_BODY_LIMIT_BYTES };

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
  const internal = (err: unknown) => onInternalError(err, requestId);
  let answer: SfnAnswer;
  try {
    // Read the body before any other check, so that a refused request leaves the keep-alive
    // socket ready for the next one.
    const body = await readBody(req, limit);
    const refusal = guard?.(req);
    answer =
      refusal !== undefined
        ? errorAnswer(new AccessDeniedError(refusal), internal)
        : await dispatchSfnRequest(
            api,
            { method: req.method ?? '', path: req.url ?? '', target: header(req, 'x-amz-target'), body },
            internal,
          );
  } catch (err) {
    if (err instanceof ClientClosedError) return;
    answer = errorAnswer(err, internal);
    // A body left unread (too large) makes the socket unusable for the next request.
    send(res, answer, requestId, err instanceof RequestTooLargeError || !req.complete);
    return;
  }
  send(res, answer, requestId, false);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function send(res: ServerResponse, answer: SfnAnswer, requestId: string, closeAfter: boolean): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string | number> = {
    'Content-Type': CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(answer.body),
    'x-amzn-RequestId': requestId,
  };
  if (answer.errorCode !== undefined) headers['x-amzn-ErrorType'] = answer.errorCode;
  if (closeAfter) headers.Connection = 'close';
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}
