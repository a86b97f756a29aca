/**
 * The Step Functions JSON 1.0 protocol without a socket: a `requestHandler` for
 * `@aws-sdk/client-sfn` that hands each signed request to an `SfnApi` in the same process.
 * The client keeps its whole middleware stack (serialise, sign, retry, deserialise); only the
 * TCP connection and the HTTP parsing on both sides are gone. Answers, errors included, are
 * byte for byte what `startSfnHttpServer` writes.
 *
 * @example
 * const sfn = new SFNClient({ endpoint: server.url, region, credentials, requestHandler: createInProcessSfnHandler(engine) });
 */
import { randomUUID } from 'node:crypto';
import type { SfnApi } from '../api-types';
import { dispatchSfnRequest, errorAnswer } from './dispatch';
import { RequestTooLargeError } from './errors';
import { CONTENT_TYPE } from './protocol';
import { DEFAULT_BODY_LIMIT_BYTES } from './limits';

/** The parts of the SDK's HttpRequest this handler reads (structural, so no @smithy import). */
export interface InProcessRequest {
  method: string;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

export interface InProcessResponse {
  statusCode: number;
  headers: Record<string, string>;
  /** A Uint8Array: the SDK's body collector takes it as is, no stream needed. */
  body: Uint8Array;
}

export interface InProcessHandler {
  metadata: { handlerProtocol: string };
  handle(request: InProcessRequest): Promise<{ response: InProcessResponse }>;
  updateHttpClientConfig(): void;
  httpHandlerConfigs(): Record<string, never>;
  destroy(): void;
}

export interface InProcessSfnOptions {
  /** @default DEFAULT_BODY_LIMIT_BYTES, as the HTTP server */
  bodyLimitBytes?: number;
  /** Sees every non-`SfnError` the API threw; @default console.error */
  onInternalError?: (err: unknown, requestId: string) => void;
}

export function createInProcessSfnHandler(api: SfnApi, options: InProcessSfnOptions = {}): InProcessHandler {
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const onInternalError =
    options.onInternalError ??
    ((err: unknown, requestId: string) => console.error(`[stepfunctions/in-process] internal error (request ${requestId})`, err));
  return {
    metadata: { handlerProtocol: 'in-process' },
    async handle(request) {
      const requestId = randomUUID();
      const body = bodyBytes(request.body);
      const answer =
        body.length > limit
          ? errorAnswer(new RequestTooLargeError(limit), () => undefined)
          : await dispatchSfnRequest(
              api,
              { method: request.method, path: pathOf(request), target: header(request.headers, 'x-amz-target'), body },
              (err) => onInternalError(err, requestId),
            );
      const headers: Record<string, string> = {
        'content-type': CONTENT_TYPE,
        'content-length': String(Buffer.byteLength(answer.body)),
        'x-amzn-requestid': requestId,
      };
      if (answer.errorCode !== undefined) headers['x-amzn-errortype'] = answer.errorCode;
      return { response: { statusCode: answer.status, headers, body: Buffer.from(answer.body) } };
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined,
  };
}

/** The SDK serialises JSON protocols to a string; other callers may pass bytes. */
export function bodyBytes(body: unknown): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('the in-process handler takes string or byte bodies only (no streams)');
}

/** Header names in the SDK's request are as set by its middleware; look them up case-insensitively. */
export function header(headers: Record<string, string>, name: string): string | undefined {
  if (name in headers) return headers[name];
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function pathOf(request: InProcessRequest): string {
  const query = Object.entries(request.query ?? {});
  if (query.length === 0) return request.path;
  return `${request.path}?${query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v ?? ''))}`).join('&')}`;
}
