/**
 * API Gateway HTTP API (payload v2.0) emulation on node:http. It dispatches on the same route
 * table CDK deploys, verifies bearer tokens BEFORE invoking a handler (as the JWT authorizer
 * does), builds faithful v2 events and writes the handlers' results back, so the handler
 * modules run unchanged. Everything API Gateway itself answers (401, 404, 405, 413) is
 * problem+json here.
 */
import http from 'node:http';
import path from 'node:path';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { routeKey, type RouteSpec } from '../functions/routes';
import { readJsonBody } from '../functions/http/body';
import { MethodNotAllowedError, NotReadyError } from '../functions/http/errors';
import { describeError } from '../functions/http/logger';
import { problemResponse } from '../functions/http/problem';
import { jsonResponse, type HttpResult } from '../functions/http/responses';
import { AppError, MalformedRequestError, NotFoundError, PayloadTooLargeError, UnauthorizedError } from '../shared/errors';
import { systemClock, type Clock } from '../shared/clock';
import { devRoutes, type DevRoute, type DevRouteDeps } from './dev';

/** API Gateway's payload limit for HTTP APIs. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
// API Gateway HTTP APIs give an integration at most 30 s; the Lambda context reports the rest.
const INTEGRATION_TIMEOUT_MS = 29_000;

export type LambdaHttpHandler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<APIGatewayProxyResultV2>;

export interface AccessLogEntry {
  method: string;
  /** The route template (`/v1/applications/{id}`), never the raw path. */
  route: string;
  status: number;
  ms: number;
}

export interface ApiServerOptions {
  host?: string;
  /** 0 picks a free port. */
  port: number;
  routes: readonly RouteSpec[];
  /** Loads a route's handler; defaults to `require(<repo>/<entry>).handler`, once per route. */
  loadHandler?: (route: RouteSpec) => LambdaHttpHandler;
  /** Verifies a bearer token and returns its claims; throws when invalid. */
  verifyToken: (token: string) => Promise<Record<string, unknown>>;
  /** Local mode: serve `/v1/dev/*` with this token issuer and dev clock. */
  devRoutes?: DevRouteDeps;
  /** `/healthz` answers 503 until this returns true. */
  isReady?: () => boolean;
  accessLog?: (entry: AccessLogEntry) => void;
  /** Request timestamps (`requestContext.timeEpoch`); API Gateway uses real time. */
  clock?: Clock;
}

export interface RunningApiServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

interface CompiledRoute {
  spec: RouteSpec;
  pattern: RegExp;
  params: string[];
  /** Literal segments first: API Gateway prefers the most specific route. */
  specificity: number;
}

interface RawRequest {
  method: string;
  rawPath: string;
  rawQueryString: string;
  headers: Record<string, string>;
  body: Buffer;
  sourceIp: string;
}

/**
 * Starts the emulated API.
 *
 * @example
 * const api = await startApiServer({ host: '127.0.0.1', port: 0, routes, verifyToken: (t) => tokens.verify(t) });
 * await fetch(`${api.url}/v1/services`); await api.close();
 */
export async function startApiServer(opts: ApiServerOptions): Promise<RunningApiServer> {
  const dispatch = createDispatcher(opts);
  const accessLog = opts.accessLog ?? ((e: AccessLogEntry) => process.stdout.write(`${JSON.stringify({ access: e })}\n`));
  const server = http.createServer((req, res) => {
    const started = performance.now();
    const requestId = crypto.randomUUID();
    const seen = { route: '-' };
    void dispatch(req, requestId, seen)
      .catch((error: unknown) => {
        // Exposed errors are the caller's (or readiness); anything else is a fault worth a log line.
        if (!(error instanceof AppError) || !error.expose) {
          process.stderr.write(`${JSON.stringify({ level: 'ERROR', message: 'handler failed', route: seen.route, error: describeError(error) })}\n`);
        }
        return problemResponse(error, requestId);
      })
      .then((result) => {
        writeResult(res, result);
        accessLog({ method: req.method ?? '-', route: seen.route, status: result.statusCode, ms: Math.round(performance.now() - started) });
      })
      // Only a result Node cannot write (e.g. an invalid header from a handler) lands here.
      .catch(() => res.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    close: () => new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections();
    }),
  };
}

/** Routes a request the way API Gateway does; `seen.route` receives the matched template for the access log. */
function createDispatcher(opts: ApiServerOptions) {
  const compiled = opts.routes.map(compileRoute).sort((a, b) => b.specificity - a.specificity);
  const dev = opts.devRoutes ? devRoutes(opts.devRoutes) : [];
  const handlers = new Map<string, LambdaHttpHandler>();
  const load = opts.loadHandler ?? defaultLoadHandler;
  const clock = opts.clock ?? systemClock;
  const handlerFor = (route: RouteSpec): LambdaHttpHandler => {
    let handler = handlers.get(route.name);
    if (!handler) handlers.set(route.name, (handler = load(route)));
    return handler;
  };
  return async (req: http.IncomingMessage, requestId: string, seen: { route: string }): Promise<HttpResult> => {
    // The request target as sent: `new URL()` would fold `//x` into a host and resolve dot segments.
    const target = req.url ?? '/';
    const queryAt = target.indexOf('?');
    const rawPath = queryAt < 0 ? target : target.slice(0, queryAt);
    const method = req.method ?? 'GET';
    const devRoute = dev.find((r) => r.path === rawPath && r.method === method);
    const match = devRoute ? undefined : matchRoute(compiled, method, rawPath);
    seen.route = devRoute?.path ?? match?.route.spec.path ?? '-';
    const raw: RawRequest = {
      method,
      rawPath,
      rawQueryString: queryAt < 0 ? '' : target.slice(queryAt + 1),
      headers: joinHeaders(req.headers),
      body: await readBody(req),
      sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
    };
    if (devRoute) return serveDev(devRoute, raw);
    if (!match) throw new NotFoundError(`No route for ${method} ${rawPath}`);
    const { route, params } = match;
    if (route.spec.path === '/healthz' && opts.isReady && !opts.isReady()) throw new NotReadyError('The local runtime is still starting');
    const claims = route.spec.auth === 'jwt' ? await authenticate(raw.headers.authorization, opts.verifyToken) : undefined;
    const event = buildEvent(route.spec, raw, params, claims, requestId, clock.now());
    return toHttpResult(await handlerFor(route.spec)(event, lambdaContext(route.spec, requestId)));
  };
}

/** `/v1/applications/{id}` -> a regex; `{name+}` (greedy) matches the rest of the path. */
function compileRoute(spec: RouteSpec): CompiledRoute {
  const params: string[] = [];
  let specificity = 0;
  const source = spec.path.split('/').map((segment) => {
    const param = /^\{([A-Za-z0-9_]+)(\+?)\}$/.exec(segment);
    if (!param) {
      specificity += 2;
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
    params.push(param[1]);
    if (param[2]) return '(.+)';
    specificity += 1;
    return '([^/]+)';
  }).join('/');
  return { spec, pattern: new RegExp(`^${source}$`), params, specificity };
}

/** The route for a method and path; undefined when no template matches, 405 when only the method is wrong. */
function matchRoute(routes: CompiledRoute[], method: string, rawPath: string): { route: CompiledRoute; params: Record<string, string> } | undefined {
  const byPath = routes.flatMap((route) => {
    const m = route.pattern.exec(rawPath);
    return m ? [{ route, values: m.slice(1) }] : [];
  });
  if (byPath.length === 0) return undefined;
  const hit = byPath.find((x) => x.route.spec.method === method);
  if (!hit) throw new MethodNotAllowedError(`${method} is not allowed on ${rawPath}`, [...new Set(byPath.map((x) => x.route.spec.method))]);
  const params: Record<string, string> = {};
  hit.route.params.forEach((name, i) => {
    try {
      params[name] = decodeURIComponent(hit.values[i]);
    } catch {
      throw new MalformedRequestError(`Path parameter ${name} is not valid percent-encoding`);
    }
  });
  return { route: hit.route, params };
}

const tooLarge = (bytes: number) => new PayloadTooLargeError(`The request body is ${bytes} bytes; the limit is ${MAX_REQUEST_BYTES} bytes`);

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

async function authenticate(authorization: string | undefined, verify: ApiServerOptions['verifyToken']): Promise<Record<string, unknown>> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) throw new UnauthorizedError('Send Authorization: Bearer <token>');
  try {
    return await verify(token);
  } catch (error) {
    throw new UnauthorizedError('The bearer token is invalid or expired', { cause: error });
  }
}

async function serveDev(route: DevRoute, raw: RawRequest): Promise<HttpResult> {
  const body = route.body
    ? readJsonBody({ body: raw.body.toString('base64'), isBase64Encoded: true, headers: raw.headers })
    : undefined;
  const result = await route.handle(body);
  return jsonResponse(result.status, result.body);
}

// Bodies API Gateway passes as text; anything else arrives base64-encoded.
const TEXT_TYPES = /^(text\/|application\/(json|[a-z0-9.+-]+\+json|xml|x-www-form-urlencoded|javascript))/i;

function buildEvent(
  spec: RouteSpec, raw: RawRequest, params: Record<string, string>, claims: Record<string, unknown> | undefined, requestId: string, now: Date,
): APIGatewayProxyEventV2WithJWTAuthorizer {
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
      http: { method: raw.method, path: raw.rawPath, protocol: 'HTTP/1.1', sourceIp: raw.sourceIp, userAgent: raw.headers['user-agent'] ?? '' },
      requestId,
      routeKey: routeKey(spec),
      stage: '$default',
      time: clfTime(now),
      timeEpoch: now.getTime(),
      ...(claims ? { authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: authorizerClaims(claims), scopes: scopesOf(claims) } } } : {}),
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

function lambdaContext(spec: RouteSpec, requestId: string): Context {
  const deadline = Date.now() + INTEGRATION_TIMEOUT_MS;
  const functionName = `onething-${spec.name}`;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Payload v2 result rules: a structured result is used as is; anything else is a 200 JSON body. */
function toHttpResult(result: APIGatewayProxyResultV2): HttpResult {
  if (typeof result === 'object' && result !== null && 'statusCode' in result && typeof result.statusCode === 'number') {
    return { ...result, statusCode: result.statusCode, headers: Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)])) };
  }
  const body = typeof result === 'string' ? result : JSON.stringify(result);
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body };
}

function writeResult(res: http.ServerResponse, result: HttpResult): void {
  const body = result.body === undefined ? undefined : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  for (const [name, value] of Object.entries(result.headers)) res.setHeader(name, value);
  if (result.cookies?.length) res.setHeader('set-cookie', result.cookies);
  if (body) res.setHeader('content-length', body.length);
  res.writeHead(result.statusCode);
  res.end(body);
}

function defaultLoadHandler(route: RouteSpec): LambdaHttpHandler {
  // Entries are relative to the repository root, one level above local/.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.resolve(__dirname, '..', route.entry)) as { handler?: unknown };
  if (typeof mod.handler !== 'function') throw new Error(`${route.entry} does not export a handler`);
  return mod.handler as LambdaHttpHandler;
}
