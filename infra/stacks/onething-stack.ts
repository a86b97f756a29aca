import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { DeployConfig } from '../config';
import { Api } from '../constructs/api';
import { Backups } from '../constructs/backups';
import { Data } from '../constructs/data';
import { CursorSecret } from '../constructs/cursor-secret';
import { siteEnvironment } from '../site-settings';
import { Identity, type JwtTrust } from '../constructs/identity';
import { LogsKey } from '../constructs/logs-key';
import { Notifications } from '../constructs/notifications';
import type { Observability } from '../constructs/observability';
import type { PlatformFunction } from '../constructs/platform-function';
import { AuditAnchors } from '../constructs/audit-anchors';
import { AuditFacts } from '../constructs/audit-facts';
import { Workflows } from '../constructs/workflows';
import { Probes } from '../constructs/probes';
import { uploadCorsRule } from '../constructs/buckets';
import { HOSTED_LOGIN_SCOPES, WEB_CALLBACK_PATH } from '../constructs/identity';
import { Web } from '../constructs/web';
import { MonitoringStack } from './monitoring-stack';
import type { RenderedService } from '../services';

export interface OneThingStackProps extends StackProps {
  readonly config: DeployConfig;
  /** The rendered service definitions (`renderCatalog()`). */
  readonly services: readonly RenderedService[];
}

/**
 * The whole platform in one deployment, one construct per concern. One stack on purpose: the
 * functions need the tables, buckets and machines, and cross-stack exports would pin those
 * references forever; the stateful resources are protected by RETAIN and deletion protection.
 * The monitoring alone is a nested stack (MonitoringStack): it only reads the rest, and
 * without it the template passes CloudFormation's 500-resource limit (docs/DEPLOY.md).
 */
export class OneThingStack extends Stack {
  readonly data: Data;
  readonly workflows: Workflows;
  /** The Cognito user pool, unless an external issuer was configured. */
  readonly identity?: Identity;
  readonly jwt: JwtTrust;
  readonly api: Api;
  readonly observability: Observability;
  /** The nested stack holding `observability`. */
  readonly monitoring: MonitoringStack;
  readonly backups: Backups;
  readonly probes: Probes;
  readonly notifications: Notifications;
  /** The web UI (S3 + CloudFront); absent in the China regions (DEPLOY.md). */
  readonly web?: Web;
  private readonly config: DeployConfig;

  constructor(scope: Construct, id: string, props: OneThingStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.config = config;
    this.data = new Data(this, 'Data', {
      webOrigin: config.webOrigin,
      auditRetention: Duration.days(config.auditRetentionDays),
      materialsRetention: Duration.days(config.materialsRetentionDays),
      breakGlassRole: config.breakGlassRole,
    });
    this.backups = new Backups(this, 'Backups', { tables: [this.data.tables.main, this.data.tables.audit], key: this.data.key });
    const resources = {
      ...this.data.resources(props.services.map((s) => s.serviceId)),
      siteEnvironment: siteEnvironment(config),
      cursorSecret: new CursorSecret(this, 'CursorSecret').value,
    };
    const logsKey = new LogsKey(this, 'Logs').key;
    this.workflows = new Workflows(this, 'Workflows', {
      resources,
      services: props.services,
      logsKey,
      reservedConcurrency: { tasks: config.workflowReservedConcurrency, reconcile: config.reconcileReservedConcurrency },
    });
    // Cognito user pools do not exist in the China regions: there, an external OIDC issuer.
    if (config.jwtIssuer && config.jwtAudience) {
      this.jwt = { issuer: config.jwtIssuer, audience: [config.jwtAudience] };
    } else {
      this.identity = new Identity(this, 'Identity');
      this.jwt = this.identity.jwt;
    }
    this.api = new Api(this, 'Api', { resources, jwt: this.jwt, webOrigin: config.webOrigin, logsKey });
    this.probes = new Probes(this, 'Probes', { resources, logsKey });
    this.notifications = new Notifications(this, 'Notifications', { resources, logsKey });
    // Issue 8: anchors sealed into the Object Lock archive on a schedule, tamper alarm.
    const auditAnchors = new AuditAnchors(this, 'AuditAnchors', { resources, logsKey });
    // Issue 8 "Scale": the inspectors' fact rows rolled up on a schedule.
    const auditFacts = new AuditFacts(this, 'AuditFacts', { resources, logsKey });
    const functions = new Map<string, PlatformFunction>([
      ...this.workflows.taskFunctions,
      [this.workflows.reconcile.spec.name, this.workflows.reconcile],
      ...this.api.functions,
      [this.probes.scheduler.spec.name, this.probes.scheduler],
      [this.notifications.tick.spec.name, this.notifications.tick],
      [this.notifications.sender.spec.name, this.notifications.sender],
      [auditAnchors.seal.spec.name, auditAnchors.seal],
      [auditFacts.rollUp.spec.name, auditFacts.rollUp],
    ]);
    // Alarms, dashboard and topic: a nested stack (see MonitoringStack), 500-resource limit.
    this.monitoring = new MonitoringStack(this, 'Monitoring', {
      observability: {
        stateMachines: this.workflows.stateMachines,
        functions,
        departments: props.services.flatMap((s) => s.departments),
        probedServices: props.services.filter((s) => s.kind === 'one-thing').map((s) => s.serviceId),
        alarmEmail: config.alarmEmail,
        extraAlarms: this.notifications.alarms(),
        platform: {
          httpApi: this.api.httpApi,
          tables: new Map([
            ['main', this.data.tables.main],
            ['audit', this.data.tables.audit],
          ]),
        },
      },
    });
    this.observability = this.monitoring.observability;
    auditAnchors.notify(this.observability.topic);
    // Issue 13: the web UI. Not in the China regions: CloudFront there is a separate service
    // that needs an ICP-filed domain and an uploaded certificate (DEPLOY.md "The web UI").
    if (!config.region.startsWith('cn-')) this.web = this.addWeb();
    new CfnOutput(this, 'ApiEndpoint', { value: this.api.httpApi.apiEndpoint });
    new CfnOutput(this, 'MaterialsBucket', { value: this.data.buckets.materials.bucketName });
    if (this.identity) {
      new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
      new CfnOutput(this, 'WebClientId', { value: this.identity.client.userPoolClientId });
    }
  }

  /**
   * The UI's bucket and distribution, its `config.json` (API URL, hosted login), and its
   * CloudFront URL admitted where the configured `webOrigin` is: API CORS, presigned upload
   * CORS, the web client's redirect URLs.
   */
  private addWeb(): Web {
    const materials = this.data.buckets.materials;
    const loginDomain = this.identity?.addHostedLoginDomain();
    const web = new Web(this, 'Web', {
      accessLogs: this.data.buckets.accessLogs,
      // Patterns, not the API's and bucket's own names: those resources admit the CloudFront
      // URL (CORS), so naming them here would make a dependency cycle.
      connectSources: [
        `https://*.execute-api.${this.region}.${this.urlSuffix}`,
        `https://*.s3.${this.region}.${this.urlSuffix}`,
        `https://*.s3.${this.urlSuffix}`,
        ...(loginDomain ? [loginDomain.baseUrl()] : []),
        // An external provider: the page reads its discovery document and trades the code there.
        ...(!this.identity && this.config.jwtIssuer ? [new URL(this.config.jwtIssuer).origin] : []),
      ],
    });
    this.api.allowOrigin(web.url);
    materials.addCorsRule(uploadCorsRule(web.url));
    this.identity?.allowHostedLoginFrom([web.url, this.config.webOrigin]);
    web.publish({
      apiUrl: this.api.httpApi.apiEndpoint,
      ...(this.identity && loginDomain
        ? {
            oidc: {
              domain: loginDomain.baseUrl(),
              clientId: this.identity.client.userPoolClientId,
              redirectUri: `${web.url}${WEB_CALLBACK_PATH}`,
              scopes: [...HOSTED_LOGIN_SCOPES],
            },
          }
        : this.config.jwtIssuer && this.config.jwtAudience
          ? {
              // The deployment's own OIDC provider: endpoints by discovery (web/src/lib/oidc.ts).
              oidc: {
                issuer: this.config.jwtIssuer,
                clientId: this.config.jwtAudience,
                redirectUri: `${web.url}${WEB_CALLBACK_PATH}`,
                scopes: ['openid'],
              },
            }
          : {}),
    });
    new CfnOutput(this, 'WebUrl', { value: web.url });
    return web;
  }
}
