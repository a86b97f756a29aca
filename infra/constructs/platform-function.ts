import * as path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { FunctionSpec } from '../../functions/access';
import { nodejsBundling } from '../bundling';
import { SpecError } from '../errors';
import { functionName, stateMachineArnPrefix } from '../naming';
import { acknowledge, acknowledgeWildcardResources } from '../nag';
import { accessGrants, type PlatformResources } from './access-policy';
import { AUDIT_ENV_NAMES } from '../../shared/audit/config';
import { ENV_NAMES } from '../../shared/names';
import { takesCursor } from '../specs';

/** Repository root: spec entries are relative to it. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface PlatformFunctionProps {
  /** Name, handler module and access list (functions/routes.ts, functions/workflow/specs.ts). */
  readonly spec: FunctionSpec;
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default RetentionDays.SIX_MONTHS (Cybersecurity Law art. 21: network logs kept at least six months) */
  readonly logRetention?: RetentionDays;
  /** Key of the function's log group (`LogsKey`). @default CloudWatch Logs' own encryption */
  readonly logsKey?: IKey;
  /** Reserved concurrency: guaranteed to the function, and its ceiling. @default none (account pool) */
  readonly reservedConcurrentExecutions?: number;
}

/**
 * A OneThing Lambda function with the platform's defaults: nodejs22.x on arm64, X-Ray
 * tracing, JSON logs into its own log group with a retention, local esbuild bundling, and a
 * role that starts empty. Call `bind()` once to set the environment and the grants.
 */
export class PlatformFunction extends NodejsFunction {
  readonly spec: FunctionSpec;
  private bound = false;

  constructor(scope: Construct, id: string, props: PlatformFunctionProps) {
    const name = functionName(props.spec.name);
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      logGroupName: `/aws/lambda/${name}`,
      retention: props.logRetention ?? RetentionDays.SIX_MONTHS,
      encryptionKey: props.logsKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Own role without the AWSLambdaBasicExecutionRole managed policy (it allows any log group).
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    super(scope, id, {
      functionName: name,
      entry: path.join(REPO_ROOT, props.spec.entry),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      role,
      bundling: nodejsBundling,
    });
    this.spec = props.spec;
    logGroup.grantWrite(role);
    acknowledge(this, 'L1', 'ARCHITECTURE.md fixes nodejs22.x for Lambda; the runtime moves with the whole platform.');
    acknowledge(role, 'IAM5[Resource::*]', 'X-Ray PutTraceSegments/PutTelemetryRecords (tracing) support no resource-level permissions.');
  }

  /**
   * Sets the environment of DESIGN.md "Configuration" and grants exactly the spec's access.
   * One call per function: environment and grants cannot drift apart.
   */
  bind(resources: PlatformResources): this {
    if (this.bound) throw new SpecError(this.spec.name, 'bind() was already called for this function');
    this.bound = true;
    const env: Record<string, string> = {
      [ENV_NAMES.tableName]: resources.mainTable.tableName,
      [ENV_NAMES.auditTableName]: resources.auditTable.tableName,
      [ENV_NAMES.materialsBucket]: resources.materials.bucketName,
      [ENV_NAMES.stateMachineArnPrefix]: stateMachineArnPrefix(this),
      NODE_OPTIONS: '--enable-source-maps',
    };
    // Anchors (issue 8): only functions granted the archive learn its name.
    if (this.spec.access.some((a) => a.startsWith('archive:'))) env[AUDIT_ENV_NAMES.archiveBucket] = resources.archive.bucket.bucketName;
    // Signed export (issue 8): only the two functions granted the signing key learn its ARN.
    if (this.spec.access.some((a) => a === 'audit:sign-export' || a === 'audit:export-public-key')) {
      env[AUDIT_ENV_NAMES.exportKeyArn] = resources.exportSigningKey.key.keyArn;
      env[AUDIT_ENV_NAMES.exportKeySpec] = resources.exportSigningKey.spec;
    }
    // The city's settings (promised limits, ...): every function reads the catalog the same way.
    Object.assign(env, resources.siteEnvironment ?? {});
    if (resources.cursorSecret !== undefined && takesCursor(this.spec)) env[ENV_NAMES.cursorSecret] = resources.cursorSecret;
    for (const [key, value] of Object.entries(env)) this.addEnvironment(key, value);
    for (const grant of accessGrants(this, this.spec.access, resources)) {
      this.addToRolePolicy(grant.statement);
      if (grant.wildcardReason && this.role) acknowledgeWildcardResources(this.role, grant.statement, grant.wildcardReason);
    }
    return this;
  }
}
