import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnApi,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  type ThrottleSettings,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { routes as allRoutes, type RouteSpec } from '../../functions/routes';
import { SpecError } from '../errors';
import { acknowledge } from '../nag';
import type { PlatformResources } from './access-policy';
import type { JwtTrust } from './identity';
import { PlatformFunction } from './platform-function';

export interface ApiProps {
  readonly resources: PlatformResources;
  /** Whose tokens the JWT authorizer accepts (Cognito `Identity.jwt`, or an external issuer). */
  readonly jwt: JwtTrust;
  /** Origin of the web UI (CORS). */
  readonly webOrigin: string;
  /** @default routes of functions/routes.ts */
  readonly routes?: readonly RouteSpec[];
  /** @default { rateLimit: 200, burstLimit: 400 } (peak enrolment: tens of submissions per second) */
  readonly throttle?: ThrottleSettings;
  /** Key of the access log and function log groups (`LogsKey`). @default CloudWatch Logs' own encryption */
  readonly logsKey?: IKey;
}

/** Local-only endpoints (dev tokens, dev clock); they must never reach AWS. */
export const DEV_PATH_PREFIX = '/v1/dev/';

// One JSON object per request. Headers are not logged (no Authorization, no cookies).
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTimeEpoch',
    routeKey: '$context.routeKey',
    status: '$context.status',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
    sub: '$context.authorizer.claims.sub',
    sourceIp: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
  }),
);

/**
 * The HTTP API: one route and one function per entry of the route table, a JWT authorizer
 * for every non-public route, stage throttling and JSON access logs.
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  /** Route functions by spec name. */
  readonly functions: ReadonlyMap<string, PlatformFunction>;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: 'onething',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [props.webOrigin],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.OPTIONS],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
        maxAge: Duration.hours(1),
      },
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.SIX_MONTHS,
      encryptionKey: props.logsKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? { rateLimit: 200, burstLimit: 400 },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT },
    });
    const authorizer = new HttpJwtAuthorizer('Jwt', props.jwt.issuer, { authorizerName: 'jwt', jwtAudience: props.jwt.audience });
    const functions = new Map<string, PlatformFunction>();
    for (const route of props.routes ?? allRoutes) {
      if (route.path.startsWith(DEV_PATH_PREFIX)) {
        throw new SpecError(`routes.${route.name}.path`, `${route.path} is local-only and must not be deployed`);
      }
      const fn = new PlatformFunction(this, route.name, { spec: route, logsKey: props.logsKey }).bind(props.resources);
      functions.set(route.name, fn);
      const [httpRoute] = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${route.name}Integration`, fn),
        ...(route.auth === 'jwt' ? { authorizer } : {}),
      });
      if (route.auth === 'public' && httpRoute) {
        acknowledge(httpRoute, 'APIG4', 'Public by the contract (HTTP-API.md): health, OpenAPI document, service catalog.');
      }
    }
    this.functions = functions;
  }

  /** Adds an origin to the CORS rule: the web UI's CloudFront URL, known only once it exists. */
  allowOrigin(origin: string): void {
    const cfn = this.httpApi.node.defaultChild as CfnApi;
    const cors = cfn.corsConfiguration as CfnApi.CorsProperty;
    cfn.corsConfiguration = { ...cors, allowOrigins: [...(cors.allowOrigins ?? []), origin] };
  }
}
