/** The public shapes of the emulated HTTP API; `local/http-server.ts` re-exports them. */
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type { RouteSpec } from '../../functions/routes';
import type { Clock } from '../../shared/clock';
import type { DevRouteDeps } from '../dev';
import type { StaticSite } from './static';

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
  /**
   * Called once a request's route is matched; a function it returns is called when the handler
   * has settled (the runtime's step lane: submissions in flight get the event loop first).
   */
  onRoute?: (route: RouteSpec) => (() => void) | undefined;
  /** The built web UI, served for GET/HEAD outside `/v1` and `/healthz` (absent: those are 404). */
  site?: StaticSite;
  /** Request timestamps (`requestContext.timeEpoch`); API Gateway uses real time. */
  clock?: Clock;
}

export interface RunningApiServer {
  port: number;
  url: string;
  close(): Promise<void>;
}
