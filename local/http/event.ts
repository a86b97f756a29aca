/** Builds API Gateway payload v2.0 events from a raw request, as the real integration does. */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { routeKey, type RouteSpec } from '../../functions/routes';
import type { RawRequest } from './request';

// Bodies API Gateway passes as text; anything else arrives base64-encoded.
const TEXT_TYPES = /^(text\/|application\/(json|[a-z0-9.+-]+\+json|xml|x-www-form-urlencoded|javascript))/i;

/** What a request adds to the raw HTTP parts: its route's parameters, the authorizer's claims, its id and time. */
export interface EventInput {
  spec: RouteSpec;
  raw: RawRequest;
  params: Record<string, string>;
  /** Verified token claims; undefined on public routes. */
  claims: Record<string, unknown> | undefined;
  requestId: string;
  now: Date;
}

/**
 * The v2 event a Lambda behind an HTTP API receives.
 *
 * @example
 * buildEvent({ spec, raw, params: { id: 'a-1' }, claims: undefined, requestId, now: clock.now() }).routeKey; // 'GET /v1/applications/{id}'
 */
export function buildEvent({ spec, raw, params, claims, requestId, now }: EventInput): APIGatewayProxyEventV2WithJWTAuthorizer {
  const query = new URLSearchParams(raw.rawQueryString);
  const queryStringParameters: Record<string, string> = {};
  for (const key of new Set(query.keys())) queryStringParameters[key] = query.getAll(key).join(',');
  const { cookie, ...headers } = raw.headers;
  const text = TEXT_TYPES.test(raw.headers['content-type'] ?? '');
  const event = {
    version: '2.0',
    routeKey: routeKey(spec),
    rawPath: raw.rawPath,
    rawQueryString: raw.rawQueryString,
    ...(cookie ? { cookies: cookie.split(/;\s*/) } : {}),
    headers,
    ...(query.size > 0 ? { queryStringParameters } : {}),
    ...(Object.keys(params).length > 0 ? { pathParameters: params } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: raw.headers.host ?? 'localhost',
      domainPrefix: (raw.headers.host ?? 'localhost').split('.')[0],
      http: {
        method: raw.method,
        path: raw.rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: raw.sourceIp,
        userAgent: raw.headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: routeKey(spec),
      stage: '$default',
      time: clfTime(now),
      timeEpoch: now.getTime(),
      ...(claims
        ? { authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: authorizerClaims(claims), scopes: scopesOf(claims) } } }
        : {}),
    },
    ...(raw.body.length > 0 ? { body: raw.body.toString(text ? 'utf8' : 'base64') } : {}),
    isBase64Encoded: raw.body.length > 0 && !text,
  };
  // API Gateway omits `authorizer` on public routes although the type declares it.
  return event as APIGatewayProxyEventV2WithJWTAuthorizer;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `requestContext.time` as API Gateway writes it: `28/Nov/2026:19:22:33 +0000`. */
function clfTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** API Gateway's JWT authorizer passes every claim as a string; arrays become `[a b]`. */
function authorizerClaims(claims: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (Array.isArray(value)) out[name] = `[${value.join(' ')}]`;
    else if (value !== null && typeof value === 'object') out[name] = JSON.stringify(value);
    else if (value !== null && value !== undefined) out[name] = String(value);
  }
  return out;
}

function scopesOf(claims: Record<string, unknown>): string[] {
  return typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
}
