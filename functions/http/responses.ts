/**
 * Building API Gateway v2 results. Every response carries the security headers; JSON bodies
 * are UTF-8; private data is never cached by browsers or proxies.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type HttpResult = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string> };

export const JSON_TYPE = 'application/json; charset=utf-8';
export const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

/** Headers for an API that only ever returns JSON (no HTML, no framing, no sniffing). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

export interface JsonResponseOptions {
  /** Public responses (catalog, OpenAPI) may be cached briefly; everything else is `no-store`. */
  cache?: 'no-store' | { maxAgeSeconds: number };
  headers?: Record<string, string>;
  contentType?: string;
}

/**
 * A JSON result with the standard headers.
 *
 * @example jsonResponse(202, { id }, { headers: { location: `/v1/applications/${id}` } })
 */
export function jsonResponse(status: number, body: unknown, opts: JsonResponseOptions = {}): HttpResult {
  const cache = opts.cache ?? 'no-store';
  return {
    statusCode: status,
    headers: {
      ...SECURITY_HEADERS,
      'content-type': opts.contentType ?? JSON_TYPE,
      'cache-control': cache === 'no-store' ? 'no-store' : `public, max-age=${cache.maxAgeSeconds}`,
      ...lowerKeys(opts.headers ?? {}),
    },
    body: JSON.stringify(body),
  };
}

/** Header names are case-insensitive; results use lower case so later merges cannot duplicate. */
export function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
