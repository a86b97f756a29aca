import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';
import { MATERIAL_PREFIXES, type Access, type MaterialArea } from '../../functions/access';
import { METRICS_NAMESPACE } from '../../shared/observability/metric-names';
import { SpecError } from '../errors';
import { executionArnPattern, stateMachineArn } from '../naming';
import { KEY_NEEDS, keyStatements, type KeyService } from './key-grants';
import { ANCHOR_PREFIX } from '../../shared/audit/anchor-store';
import { FACTS_PREFIX } from '../../shared/audit/facts-rollup';
import { TAMPER_PREFIX, tamperPartition } from '../../shared/audit/tamper-findings';

/** What the platform's functions can be granted access to (`Access` in functions/access.ts). */
export interface PlatformResources {
  /** Customer-managed key of the tables and the materials bucket. */
  readonly dataKey: IKey;
  readonly mainTable: ITable;
  /** Global secondary index names of the main table (`gsi1`..`gsi3`). */
  readonly mainIndexes: readonly string[];
  readonly auditTable: ITable;
  readonly materials: IBucket;
  /** Ids of the services that have a state machine. */
  readonly serviceIds: readonly string[];
  /** The SMS queue (infra/constructs/notifications.ts); only functions granted `sms:enqueue` need it. */
  readonly smsQueue?: IQueue;
  /** The Object Lock audit archive and its own key (anchors under `anchors/`, issue 8). */
  readonly archive: { readonly bucket: IBucket; readonly key: IKey };
  /** The asymmetric key that signs audit exports (issue 8) and its spec. */
  readonly exportSigningKey: { readonly key: IKey; readonly spec: 'ECC_NIST_P256' | 'SM2' };
  /** The site settings every function gets (infra/site-settings.ts); none when absent. */
  readonly siteEnvironment?: Readonly<Record<string, string>>;
  /** `CURSOR_SECRET` as a deploy-time reference, for the functions that page (infra/constructs/cursor-secret.ts). */
  readonly cursorSecret?: string;
}

/** Namespace of the platform's custom metrics (EMF and PutMetricData), named in shared/. */
export { METRICS_NAMESPACE };

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
const WHY_SMS =
  'sns:Publish to a phone number (SMS) has no resource ARN to name; only the sms-send function has it, and it publishes with PhoneNumber only (DESIGN.md "Notifications and evaluations").';

function tableArns(table: ITable, indexes: readonly string[]): string[] {
  return [table.tableArn, ...indexes.map((index) => `${table.tableArn}/index/${index}`)];
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
  const kms: Record<KeyService, string[]> = { dynamodb: [], s3: [] };
  // Materials areas per operation, collected over the list: one statement per operation.
  const materials: Record<'read' | 'write', MaterialArea[]> = { read: [], write: [] };
  for (const grant of new Set(access)) {
    switch (grant) {
      case 'main:read':
        statements.push(allow(['dynamodb:GetItem', 'dynamodb:Query'], tableArns(r.mainTable, r.mainIndexes)));
        kms.dynamodb.push(...KEY_NEEDS.dynamodb.read);
        break;
      case 'main:write':
        // Never DeleteItem: records are closed by status, not removed.
        statements.push(allow(['dynamodb:PutItem', 'dynamodb:UpdateItem'], [r.mainTable.tableArn]));
        kms.dynamodb.push(...KEY_NEEDS.dynamodb.write);
        break;
      case 'audit:read':
        // The functions read one application's chain (the base table); the time-ordered index
        // is for inspectors, who are not Lambda functions.
        statements.push(allow(['dynamodb:Query'], [r.auditTable.tableArn]));
        kms.dynamodb.push(...KEY_NEEDS.dynamodb.read);
        break;
      case 'audit:append':
        // The timing log is append-only: PutItem (conditional on a new sk), nothing else.
        statements.push(allow(['dynamodb:PutItem'], [r.auditTable.tableArn]));
        kms.dynamodb.push(...KEY_NEEDS.dynamodb.write);
        break;
      case 'materials:read:uploads':
      case 'materials:read:applications':
      case 'materials:read:events':
        materials.read.push(materialArea(grant));
        kms.s3.push(...KEY_NEEDS.s3.read);
        break;
      case 'materials:write:uploads':
      case 'materials:write:applications':
      case 'materials:write:events':
        materials.write.push(materialArea(grant));
        kms.s3.push(...KEY_NEEDS.s3.write);
        break;
      case 'sfn:start':
        statements.push(
          allow(
            ['states:StartExecution'],
            r.serviceIds.map((id) => stateMachineArn(scope, id)),
          ),
        );
        statements.push({
          ...allow(
            ['states:DescribeExecution'],
            r.serviceIds.map((id) => executionArnPattern(scope, id)),
          ),
          wildcardReason: WHY_EXECUTIONS,
        });
        break;
      case 'sfn:stop':
        statements.push({
          ...allow(
            ['states:StopExecution'],
            r.serviceIds.map((id) => executionArnPattern(scope, id)),
          ),
          wildcardReason: WHY_EXECUTIONS,
        });
        break;
      case 'sfn:task-response':
        statements.push(
          allow(
            // The platform only calls SendTaskSuccess (shared/applications/executions.ts):
            // a rejection is a decision in the task's output, not a task failure.
            ['states:SendTaskSuccess'],
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
      case 'sms:enqueue':
        if (!r.smsQueue) throw new SpecError('access', 'sms:enqueue needs the SMS queue in the resources');
        statements.push(allow(['sqs:SendMessage'], [r.smsQueue.queueArn]));
        break;
      case 'sms:consume':
        // The same actions the SQS event source grants itself, named here so the access list is the whole truth.
        if (!r.smsQueue) throw new SpecError('access', 'sms:consume needs the SMS queue in the resources');
        statements.push(
          allow(
            ['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueUrl', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
            [r.smsQueue.queueArn],
          ),
        );
        break;
      case 'sms:publish':
        statements.push({ ...allow(['sns:Publish'], ['*']), wildcardReason: WHY_SMS });
        break;
      case 'audit:inspect':
        // Inspectors read every chain and the time-ordered index; Query only, no Scan.
        statements.push(allow(['dynamodb:Query'], tableArns(r.auditTable, ['gsi1'])));
        kms.dynamodb.push(...KEY_NEEDS.dynamodb.read);
        break;
      case 'audit:access-log':
        // Their own reads only: PutItem restricted to the `ACCESS#` partitions, never a chain.
        statements.push(
          allow(['dynamodb:PutItem'], [r.auditTable.tableArn], {
            'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['ACCESS#*'] },
          }),
        );
        kms.dynamodb.push(...KEY_NEEDS.dynamodb.write);
        break;
      case 'main:read-audit-facts':
      case 'main:write-audit-facts': {
        // Derived fact rows (shared/audit/facts-rollup.ts): their own partitions, never an application.
        const write = grant === 'main:write-audit-facts';
        statements.push(
          // BatchGetItem (day rows): the same key condition applies to every key.
          allow(
            write ? ['dynamodb:PutItem', 'dynamodb:UpdateItem'] : ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'],
            [r.mainTable.tableArn],
            {
              'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${FACTS_PREFIX}*`] },
            },
          ),
        );
        kms.dynamodb.push(...(write ? KEY_NEEDS.dynamodb.write : KEY_NEEDS.dynamodb.read));
        break;
      }
      case 'main:record-tamper':
        // Stored tamper findings (shared/audit/tamper-findings.ts): their own keys only.
        statements.push(
          allow(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], [r.mainTable.tableArn], {
            'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${TAMPER_PREFIX}*`, `${tamperPartition('')}*`] },
          }),
        );
        kms.dynamodb.push(...KEY_NEEDS.dynamodb.write);
        break;
      case 'archive:read-anchors':
        statements.push(...archiveGrants(scope, r.archive, 'read'));
        break;
      case 'archive:write-anchors':
        statements.push(...archiveGrants(scope, r.archive, 'write'));
        break;
      case 'audit:sign-export':
        statements.push(allow(['kms:Sign'], [r.exportSigningKey.key.keyArn]));
        break;
      case 'audit:export-public-key':
        statements.push(allow(['kms:GetPublicKey'], [r.exportSigningKey.key.keyArn]));
        break;
      default:
        throw new SpecError('access', `unknown access "${String(grant satisfies never)}"`);
    }
  }
  statements.push(...materialsGrants(r.materials, materials));
  statements.push(...keyStatements(scope, r.dataKey, kms).map((statement) => ({ statement })));
  return statements;
}

const WHY_ANCHORS = 'One object per anchor under the anchors/ prefix of the archive (DESIGN.md "Inspectors").';

/** Anchors in the archive: read = list the prefix + get; write = put (Object Lock keeps every version). */
function archiveGrants(scope: IConstruct, archive: PlatformResources['archive'], mode: 'read' | 'write'): AccessGrant[] {
  const objects = [archive.bucket.arnForObjects(`${ANCHOR_PREFIX}*`)];
  const key = (actions: readonly string[]) =>
    keyStatements(scope, archive.key, { s3: actions, dynamodb: [] }).map((statement) => ({ statement }));
  if (mode === 'write') return [{ ...allow(['s3:PutObject'], objects), wildcardReason: WHY_ANCHORS }, ...key(KEY_NEEDS.s3.write)];
  return [
    { ...allow(['s3:GetObject'], objects), wildcardReason: WHY_ANCHORS },
    allow(['s3:ListBucket'], [archive.bucket.bucketArn], { StringLike: { 's3:prefix': [`${ANCHOR_PREFIX}*`] } }),
    ...key(KEY_NEEDS.s3.read),
  ];
}

/** The bucket area a `materials:<op>:<area>` grant names. */
const materialArea = (grant: `materials:${'read' | 'write'}:${MaterialArea}`): MaterialArea => grant.split(':')[2] as MaterialArea;

/**
 * The materials statements: GetObject and PutObject each on the objects of exactly the areas
 * the access list names (`create-upload` writes `uploads/` only, `get-material-link` reads
 * `applications/` only), and one ListBucket for any reader.
 */
function materialsGrants(bucket: IBucket, areas: Record<'read' | 'write', readonly MaterialArea[]>): AccessGrant[] {
  const objects = (list: readonly MaterialArea[]) => list.map((area) => bucket.arnForObjects(`${MATERIAL_PREFIXES[area]}*`));
  const grants: AccessGrant[] = [];
  if (areas.read.length > 0) {
    // GetObject also authorises HeadObject and the source side of CopyObject.
    grants.push({ ...allow(['s3:GetObject'], objects(areas.read)), wildcardReason: WHY_OBJECTS });
    // Without ListBucket S3 answers GetObject of a missing key with 403, not 404: an expired
    // or never made upload would be a server error instead of the `not-found` rejection
    // (shared/documents/verify.ts). s3:prefix cannot narrow it; that key is absent here.
    grants.push(allow(['s3:ListBucket'], [bucket.bucketArn]));
  }
  if (areas.write.length > 0) {
    // Presigned upload PUTs and the destination side of CopyObject.
    grants.push({ ...allow(['s3:PutObject'], objects(areas.write)), wildcardReason: WHY_OBJECTS });
  }
  return grants;
}
