/** Routes one request the way API Gateway does: dev route or matched route, readiness, authorizer, handler. */
import type http from 'node:http';
import { readJsonBody } from '../../functions/http/body';
import { NotReadyError } from '../../functions/http/errors';
import { jsonResponse, type HttpResult } from '../../functions/http/responses';
import { NotFoundError } from '../../shared/errors';
import { requestProblem } from '../../shared/i18n';
import { systemClock } from '../../shared/clock';
import { devRoutes, type DevRoute } from '../dev';
import { authenticate } from './auth';
import { buildEvent } from './event';
import { createHandlerCache, defaultLoadHandler, lambdaContext } from './lambda';
import { compileRoutes, matchRoute } from './match';
import { readRawRequest, requestTarget, type RawRequest } from './request';
import { toHttpResult } from './result';
import type { ApiServerOptions } from './types';

/** Dispatches one request to its result; throws the errors API Gateway answers itself (400, 401, 404, 405, 413, 503). */
export type Dispatch = (req: http.IncomingMessage, requestId: string, seen: { route: string }) => Promise<HttpResult>;

/** A dispatcher over the options' route table; `seen.route` receives the matched template for the access log. */
export function createDispatcher(opts: ApiServerOptions): Dispatch {
  const compiled = compileRoutes(opts.routes);
  const dev = opts.devRoutes ? devRoutes(opts.devRoutes) : [];
  const handlerFor = createHandlerCache(opts.loadHandler ?? defaultLoadHandler);
  const clock = opts.clock ?? systemClock;
  return async (req, requestId, seen) => {
    const target = requestTarget(req);
    const { method, rawPath } = target;
    // The web UI shares the origin: everything outside /v1 and /healthz is the site's (GET/HEAD).
    const page = isSitePath(method, rawPath) ? opts.site?.serve(rawPath, method) : undefined;
    if (page) {
      seen.route = '(web)';
      return page;
    }
    const devRoute = dev.find((r) => r.path === rawPath && r.method === method);
    // Matching precedes reading the body, so a wrong method answers 405 whatever the payload.
    const match = devRoute ? undefined : matchRoute(compiled, method, rawPath);
    seen.route = devRoute?.path ?? match?.route.spec.path ?? '-';
    const settled = match ? opts.onRoute?.(match.route.spec) : undefined;
    try {
      return await dispatchMatched(req, requestId, target, devRoute, match);
    } finally {
      settled?.();
    }
  };

  async function dispatchMatched(
    req: http.IncomingMessage,
    requestId: string,
    target: ReturnType<typeof requestTarget>,
    devRoute: DevRoute | undefined,
    match: ReturnType<typeof matchRoute>,
  ): Promise<HttpResult> {
    const { method, rawPath } = target;
    const raw = await readRawRequest(req, target);
    if (devRoute) return serveDev(devRoute, raw);
    if (!match) throw new NotFoundError(requestProblem('route-not-found', { method, path: rawPath }));
    const { route, params } = match;
    if (route.spec.path === '/healthz' && opts.isReady && !opts.isReady()) throw new NotReadyError('The local runtime is still starting');
    const claims = route.spec.auth === 'jwt' ? await authenticate(raw.headers.authorization, opts.verifyToken) : undefined;
    const event = buildEvent({ spec: route.spec, raw, params, claims, requestId, now: clock.now() });
    return toHttpResult(await handlerFor(route.spec)(event, lambdaContext(route.spec, requestId)));
  }
}

const isSitePath = (method: string, rawPath: string) =>
  (method === 'GET' || method === 'HEAD') && rawPath !== '/v1' && !rawPath.startsWith('/v1/') && rawPath !== '/healthz';

async function serveDev(route: DevRoute, raw: RawRequest): Promise<HttpResult> {
  const body = route.body ? readJsonBody({ body: raw.body.toString('base64'), isBase64Encoded: true, headers: raw.headers }) : undefined;
  const result = await route.handle(body);
  return jsonResponse(result.status, result.body);
}
