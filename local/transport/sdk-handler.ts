/**
 * The shape of an AWS SDK v3 `requestHandler` (the smithy HttpHandler the clients call after
 * serialising and signing a request), written structurally so that local/ needs no @smithy
 * import. An in-process handler answers from an emulator in this process instead of a socket.
 */
export interface SdkRequest {
  method: string;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

export interface SdkResponse {
  statusCode: number;
  headers: Record<string, string>;
  /** A Uint8Array: the SDK's body collector takes it as is, no stream needed. */
  body: Uint8Array;
}

export interface SdkRequestHandler {
  metadata: { handlerProtocol: string };
  handle(request: SdkRequest): Promise<{ response: SdkResponse }>;
  updateHttpClientConfig(): void;
  httpHandlerConfigs(): Record<string, never>;
  destroy(): void;
}

/** Wraps an answer function as a request handler the SDK clients accept. */
export function sdkRequestHandler(answer: (request: SdkRequest) => Promise<SdkResponse>): SdkRequestHandler {
  return {
    metadata: { handlerProtocol: 'in-process' },
    handle: async (request) => ({ response: await answer(request) }),
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined,
  };
}

/** Header names are as the SDK's middleware set them (lower case); look them up case-insensitively anyway. */
export function headerOf(headers: Record<string, string>, name: string): string | undefined {
  if (name in headers) return headers[name];
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** The SDK serialises the JSON protocols to a string; bytes are accepted too, streams are not. */
export function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  throw new TypeError('the in-process transport takes string or byte bodies only (no streams)');
}
