/**
 * API Gateway v2 events for handler tests, built from the JSON fixtures beside this file
 * (captured shapes of real HTTP API events with and without the JWT authorizer).
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import jwtRequest from './jwt-request.json';
import publicRequest from './public-request.json';

export interface EventOptions {
  /** e.g. `POST /v1/applications` */
  routeKey: string;
  rawPath?: string;
  /** Claims of the verified token; `null` = a public route (no authorizer context). */
  claims?: Record<string, string> | null;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as they are. */
  body?: unknown;
  isBase64Encoded?: boolean;
}

/**
 * A v2 event for `routeKey`, JSON `content-type` when there is a body.
 *
 * @example apiEvent({ routeKey: 'POST /v1/applications', claims: { sub: 'c1', role: 'citizen' }, body: {...} })
 */
export function apiEvent(opts: EventOptions): APIGatewayProxyEventV2WithJWTAuthorizer {
  const base = structuredClone(opts.claims === null ? publicRequest : jwtRequest) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
  const [method, template] = opts.routeKey.split(' ');
  const rawPath = opts.rawPath ?? template ?? '';
  const event: APIGatewayProxyEventV2WithJWTAuthorizer = {
    ...base,
    routeKey: opts.routeKey,
    rawPath,
    rawQueryString: new URLSearchParams(opts.query ?? {}).toString(),
    headers: { ...base.headers, ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers },
    pathParameters: opts.pathParameters,
    queryStringParameters: opts.query,
    isBase64Encoded: opts.isBase64Encoded ?? false,
    requestContext: {
      ...base.requestContext,
      routeKey: opts.routeKey,
      http: { ...base.requestContext.http, method: method ?? '', path: rawPath },
    },
  };
  if (opts.claims) event.requestContext.authorizer.jwt.claims = opts.claims;
  if (opts.body !== undefined) event.body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  return event;
}

export const CITIZEN = { sub: 'citizen-1', role: 'citizen' };
export const PROXY = { sub: 'proxy-1', role: 'proxy' };
export const OFFICER = { sub: 'officer-1', role: 'officer', dept: 'education' };
export const INSPECTOR = { sub: 'inspector-1', role: 'inspector' };
