import { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import type { Access } from '../../functions/access';
import { SpecError } from '../errors';
import { executionArnPattern, stateMachineArn } from '../naming';

/** What the platform's functions can be granted access to (`Access` in functions/access.ts). */
export interface PlatformResources {
  /** Customer-managed key of the tables and the materials bucket. */
  readonly dataKey: IKey;
  readonly mainTable: ITable;
  /** Global secondary index names of the main table (`gsi1`..`gsi3`). */
  readonly mainIndexes: readonly string[];
  readonly auditTable: ITable;
  readonly auditIndexes: readonly string[];
  readonly materials: IBucket;
  /** Ids of the services that have a state machine. */
  readonly serviceIds: readonly string[];
}

/** Namespace of the platform's custom metrics (EMF and PutMetricData). */
export const METRICS_NAMESPACE = 'OneThing';

/** Prefixes the functions read and write in the materials bucket (DESIGN.md "S3"). */
const MATERIAL_PREFIXES = ['uploads/', 'applications/'];

const KMS_READ = ['kms:Decrypt', 'kms:DescribeKey'];
const KMS_WRITE = ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'];

/** A statement, and why its resources contain a wildcard when they do (for the review). */
export interface AccessGrant {
  readonly statement: PolicyStatement;
  readonly wildcardReason?: string;
}

const allow = (actions: string[], resources: string[], conditions?: Record<string, unknown>): AccessGrant => ({
  statement: new PolicyStatement({ effect: Effect.ALLOW, actions, resources, conditions }),
});

const WHY_OBJECTS = 'Object keys are generated per upload and application under a fixed prefix (DESIGN.md "S3").';
const WHY_EXECUTIONS = 'Execution names are application ids; the pattern is limited to the named service machines.';
const WHY_METRICS = 'cloudwatch:PutMetricData has no resource-level permissions; the namespace condition scopes it.';

function tableArns(table: ITable, indexes: readonly string[]): string[] {
  return [table.tableArn, ...indexes.map((index) => `${table.tableArn}/index/${index}`)];
}

/** The data key may only be used through DynamoDB and S3 in this region. */
function kmsStatement(scope: IConstruct, key: IKey, actions: string[]): AccessGrant {
  const { region, urlSuffix } = Stack.of(scope);
  return allow([...new Set(actions)].sort(), [key.keyArn], {
    StringEquals: { 'kms:ViaService': [`dynamodb.${region}.${urlSuffix}`, `s3.${region}.${urlSuffix}`] },
  });
}

/**
 * Least-privilege IAM statements for a function's access list: explicit actions only (no
 * `*` in any action), table and index ARNs, object prefixes, named state machines.
 *
 * @example
 * for (const g of accessGrants(fn, ['main:read', 'audit:append'], resources)) fn.addToRolePolicy(g.statement);
 */
export function accessGrants(scope: IConstruct, access: readonly Access[], r: PlatformResources): AccessGrant[] {
  const statements: AccessGrant[] = [];
  const kms: string[] = [];
  const objects = (bucket: IBucket) => MATERIAL_PREFIXES.map((prefix) => bucket.arnForObjects(`${prefix}*`));
  for (const grant of new Set(access)) {
    switch (grant) {
      case 'main:read':
        statements.push(allow(['dynamodb:GetItem', 'dynamodb:Query'], tableArns(r.mainTable, r.mainIndexes)));
        kms.push(...KMS_READ);
        break;
      case 'main:write':
        // Never DeleteItem: records are closed by status, not removed.
        statements.push(allow(['dynamodb:PutItem', 'dynamodb:UpdateItem'], [r.mainTable.tableArn]));
        kms.push(...KMS_WRITE);
        break;
      case 'audit:read':
        statements.push(allow(['dynamodb:Query'], tableArns(r.auditTable, r.auditIndexes)));
        kms.push(...KMS_READ);
        break;
      case 'audit:append':
        // The timing log is append-only: PutItem (conditional on a new sk), nothing else.
        statements.push(allow(['dynamodb:PutItem'], [r.auditTable.tableArn]));
        kms.push(...KMS_WRITE);
        break;
      case 'materials:read':
        statements.push({ ...allow(['s3:GetObject'], objects(r.materials)), wildcardReason: WHY_OBJECTS });
        kms.push(...KMS_READ);
        break;
      case 'materials:write':
        statements.push({ ...allow(['s3:PutObject'], objects(r.materials)), wildcardReason: WHY_OBJECTS });
        kms.push(...KMS_WRITE);
        break;
      case 'sfn:start':
        statements.push(allow(['states:StartExecution'], r.serviceIds.map((id) => stateMachineArn(scope, id))));
        statements.push({
          ...allow(['states:DescribeExecution'], r.serviceIds.map((id) => executionArnPattern(scope, id))),
          wildcardReason: WHY_EXECUTIONS,
        });
        break;
      case 'sfn:stop':
        statements.push({
          ...allow(['states:StopExecution'], r.serviceIds.map((id) => executionArnPattern(scope, id))),
          wildcardReason: WHY_EXECUTIONS,
        });
        break;
      case 'sfn:task-response':
        statements.push(
          allow(
            ['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess'],
            r.serviceIds.map((id) => stateMachineArn(scope, id)),
          ),
        );
        break;
      case 'metrics:put':
        statements.push({
          ...allow(['cloudwatch:PutMetricData'], ['*'], { StringEquals: { 'cloudwatch:namespace': METRICS_NAMESPACE } }),
          wildcardReason: WHY_METRICS,
        });
        break;
      default:
        throw new SpecError('access', `unknown access "${String(grant satisfies never)}"`);
    }
  }
  if (kms.length > 0) statements.push(kmsStatement(scope, r.dataKey, kms));
  return statements;
}
