/**
 * `httpHandler`: one API Gateway v2 Lambda handler from a declaration (auth, roles, zod
 * schemas) and a function that only sees parsed, typed input.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import type * as z from 'zod';
import type { Principal, Role } from '../../shared/auth/principal';
import { NotFoundError, ValidationError } from '../../shared/errors';
import { requestProblem } from '../../shared/i18n';
import { principalOf, requireRole } from './auth';
import { readJsonBody } from './body';
import { idempotencyKeyOf } from './idempotency';
import { jsonInputErrors } from './json-input';
import { httpLogger } from './logger';
import { problemErrors } from './middlewares';
import { jsonResponse, type HttpResult, type JsonResponseOptions } from './responses';
import { parseOrThrow } from './validation';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
type Schema = z.ZodType | undefined;
type Parsed<S extends Schema, Absent> = S extends z.ZodType ? z.output<S> : Absent;

export interface EndpointOptions<A extends 'public' | 'jwt', B extends Schema, Q extends Schema, P extends Schema> {
  auth: A;
  /** Roles allowed (jwt routes); others get 403. Resource-level rules stay in the services. */
  roles?: readonly Role[];
  body?: B;
  query?: Q;
  path?: P;
  logger?: Logger;
  /** middy's early-timeout margin; tests pass 0 (STYLE.md). */
  timeoutEarlyInMillis?: number;
}

/** What a handler factory lets callers replace (tests: a silent logger, `timeoutEarlyInMillis: 0`). */
export type HandlerOverrides = Pick<EndpointOptions<'public', undefined, undefined, undefined>, 'logger' | 'timeoutEarlyInMillis'>;

export interface HttpRequest<A extends 'public' | 'jwt', B extends Schema, Q extends Schema, P extends Schema> {
  principal: A extends 'jwt' ? Principal : undefined;
  body: Parsed<B, undefined>;
  query: Parsed<Q, Record<string, never>>;
  params: Parsed<P, Record<string, never>>;
  idempotencyKey?: string;
  event: HttpEvent;
}

export interface HttpReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  cache?: JsonResponseOptions['cache'];
  /** A text body sent as is instead of JSON (the audit export); `body` is then ignored. */
  text?: { contentType: string; body: string };
}

/**
 * Builds the handler. Order of checks: principal (401) -> role (403) -> path (404) ->
 * body (413/415/400/422, incl. text and depth rules of json-input.ts) -> query (422) -> `Idempotency-Key` shape (422) -> `fn`.
 *
 * @example
 * export const handler = httpHandler({ auth: 'jwt', roles: ['citizen'], body: SupplementRequest, path: IdPath },
 *   async ({ principal, body, params }) => ({ status: 202, body: await svc().supplement(principal, params.id, body) }));
 */
export function httpHandler<
  A extends 'public' | 'jwt',
  B extends Schema = undefined,
  Q extends Schema = undefined,
  P extends Schema = undefined,
>(opts: EndpointOptions<A, B, Q, P>, fn: (req: HttpRequest<A, B, Q, P>) => Promise<HttpReply>) {
  const logger = opts.logger ?? httpLogger;
  const core = async (event: HttpEvent): Promise<HttpResult> => {
    const principal = opts.auth === 'jwt' ? principalOf(event) : undefined;
    if (principal && opts.roles) requireRole(principal, opts.roles);
    const req = {
      principal,
      params: opts.path ? parsePath(opts.path, event) : {},
      body: opts.body ? parseOrThrow(opts.body, readJsonBody(event), 'body') : undefined,
      query: opts.query ? parseQuery(opts.query, event) : {},
      idempotencyKey: idempotencyKeyOf(event.headers),
      event,
    } as HttpRequest<A, B, Q, P>;
    const reply = await fn(req);
    if (reply.text) {
      const headers = { headers: reply.headers, cache: reply.cache, contentType: reply.text.contentType };
      return { ...jsonResponse(reply.status, null, headers), body: reply.text.body };
    }
    return jsonResponse(reply.status, reply.body, { headers: reply.headers, cache: reply.cache });
  };
  // middy spreads its options over its defaults: an explicit `undefined` would disable the timeout.
  const plugin = opts.timeoutEarlyInMillis === undefined ? {} : { timeoutEarlyInMillis: opts.timeoutEarlyInMillis };
  return middy<HttpEvent, HttpResult, Error, Context>(core, plugin)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(problemErrors({ logger }));
}

// Query values reach cursors and filters: the same text rules as bodies (422 naming the parameter).
function parseQuery(schema: z.ZodType, event: HttpEvent): unknown {
  const query = event.queryStringParameters ?? {};
  const errors = jsonInputErrors(query);
  if (errors.length > 0) throw new ValidationError(errors);
  return parseOrThrow(schema, query, 'query');
}

// A path that does not fit the id's shape (or is not well-formed text) names no resource:
// 404, as for an unknown id.
function parsePath(schema: z.ZodType, event: HttpEvent): unknown {
  const params = event.pathParameters ?? {};
  const notFound = () => new NotFoundError(requestProblem('resource-not-found', { path: event.rawPath }));
  if (jsonInputErrors(params).length > 0) throw notFound();
  try {
    return parseOrThrow(schema, params, 'path');
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw notFound();
  }
}
