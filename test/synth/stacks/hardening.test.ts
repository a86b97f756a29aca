import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { workflowFunctions, reconcileFunction } from '../../../functions/workflow/specs';
import { buildApp } from '../../../infra/build';
import { DEPLOY_DEFAULTS } from '../../../infra/config';
import { RECONCILE_LAG_METRIC } from '../../../shared/observability/metric-names';
import { catalog } from '../../../workflows/catalog';
import { functionLogicalId, synthesize, testConfig } from '../synth';

/**
 * Issue #14 item 9: alarms that reach someone, an audit archive key only a break-glass role
 * can retire, materials grants and lifecycle, reserved concurrency, encrypted logs, backups.
 */
const { template, monitoring } = synthesize('us-east-1');
type Resources = Record<string, { Type: string; Properties: Record<string, any>; DeletionPolicy?: string }>;
const resources = (type: string) => template.findResources(type) as Resources;
/** Alarms and their topic: the nested monitoring stack, parameters resolved to the parent's values. */
const monitoringResources = (type: string) => monitoring.findResources(type) as Resources;
const json = (v: unknown) => JSON.stringify(v);

const logicalIdOf = (type: string, predicate: (props: Record<string, any>) => boolean): string => {
  const found = Object.entries(resources(type)).find(([, r]) => predicate(r.Properties ?? {}));
  if (!found) throw new Error(`no ${type} matching`);
  return found[0];
};
const tableId = (name: string) => logicalIdOf('AWS::DynamoDB::Table', (p) => p.TableName === name);
const auditArchiveId = () => logicalIdOf('AWS::S3::Bucket', (p) => p.ObjectLockEnabled === true);
const materialsId = () => logicalIdOf('AWS::S3::Bucket', (p) => p.LoggingConfiguration?.LogFilePrefix === 'materials/');

describe('alarm topic', () => {
  it('lets CloudWatch alarms of this account publish, and no one else', () => {
    const [policy] = Object.values(monitoringResources('AWS::SNS::TopicPolicy'));
    const allows = (policy?.Properties.PolicyDocument.Statement as Array<Record<string, any>>).filter((s) => s.Effect === 'Allow');
    expect(allows).toEqual([
      expect.objectContaining({
        Action: 'sns:Publish',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Condition: {
          StringEquals: { 'aws:SourceAccount': '123456789012' },
          ArnLike: { 'aws:SourceArn': expect.anything() },
        },
      }),
    ]);
    expect(json(allows[0]?.Condition.ArnLike['aws:SourceArn'])).toMatch(/:cloudwatch:us-east-1:123456789012:alarm:onething-\*/);
  });
});

describe('audit archive key', () => {
  const archiveKeyRef = () =>
    resources('AWS::S3::Bucket')[auditArchiveId()]?.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]
      .ServerSideEncryptionByDefault.KMSMasterKeyID;
  const keyId = () => archiveKeyRef()['Fn::GetAtt'][0] as string;

  it('the audit archive has a key of its own, not the data key of the tables and materials', () => {
    const materialsKey =
      resources('AWS::S3::Bucket')[materialsId()]?.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]
        .ServerSideEncryptionByDefault.KMSMasterKeyID;
    const tableKey = resources('AWS::DynamoDB::Table')[tableId('onething-audit')]?.Properties.SSESpecification.KMSMasterKeyId;
    expect(archiveKeyRef()).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
    expect(json(archiveKeyRef())).not.toEqual(json(materialsKey));
    expect(json(archiveKeyRef())).not.toEqual(json(tableKey));
  });

  it('is rotated, retained, and denies deletion and policy changes to all but the break-glass role', () => {
    const key = template.toJSON().Resources[keyId()];
    expect(key.DeletionPolicy).toBe('Retain');
    expect(key.Properties.EnableKeyRotation).toBe(true);
    const deny = (key.Properties.KeyPolicy.Statement as Array<Record<string, any>>).find((s) => s.Effect === 'Deny');
    expect(deny).toMatchObject({ Principal: { AWS: '*' }, Resource: '*' });
    expect([...(deny?.Action ?? [])].sort()).toEqual([
      'kms:DisableKey',
      'kms:DisableKeyRotation',
      'kms:PutKeyPolicy',
      'kms:ScheduleKeyDeletion',
    ]);
    expect(json(deny?.Condition)).toContain('ArnNotEquals');
    expect(json(deny?.Condition)).toMatch(new RegExp(`:iam::123456789012:role/${DEPLOY_DEFAULTS.breakGlassRole}"`));
    // The deploying role is denied PutKeyPolicy too: without the bypass, CreateKey's lockout check refuses the policy.
    expect(key.Properties.BypassPolicyLockoutSafetyCheck).toBe(true);
  });
});

describe('audit table', () => {
  it('has a resource policy denying Update, Delete and batch writes to every principal', () => {
    const table = resources('AWS::DynamoDB::Table')[tableId('onething-audit')];
    const statements = table?.Properties.ResourcePolicy.PolicyDocument.Statement as Array<Record<string, any>>;
    expect(statements).toEqual([expect.objectContaining({ Effect: 'Deny', Principal: { AWS: '*' } })]);
    expect([...(statements[0]?.Action ?? [])].sort()).toEqual([
      'dynamodb:BatchWriteItem',
      'dynamodb:DeleteItem',
      'dynamodb:PartiQLDelete',
      'dynamodb:PartiQLUpdate',
      'dynamodb:UpdateItem',
    ]);
    // Built from the name: the table's own ARN attribute would be a self-reference.
    expect(json(statements[0]?.Resource)).toMatch(/:dynamodb:us-east-1:123456789012:table\/onething-audit"/);
  });

  it('the main table has none (records are updated there)', () => {
    expect(resources('AWS::DynamoDB::Table')[tableId('onething-main')]?.Properties.ResourcePolicy).toBeUndefined();
  });
});

describe('materials retention', () => {
  it('expires submitted materials, old versions included, after the configured retention', () => {
    const rules = resources('AWS::S3::Bucket')[materialsId()]?.Properties.LifecycleConfiguration.Rules as Array<Record<string, any>>;
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Prefix: 'applications/',
          Status: 'Enabled',
          ExpirationInDays: DEPLOY_DEFAULTS.materialsRetentionDays,
          NoncurrentVersionExpiration: { NoncurrentDays: expect.any(Number) },
        }),
        expect.objectContaining({ ExpiredObjectDeleteMarker: true, Status: 'Enabled' }),
      ]),
    );
  });

  it('follows the configured figures (retention, reserved concurrency, break-glass role ARN)', () => {
    const role = 'arn:aws:iam::123456789012:role/security/onething-break-glass';
    const config = {
      ...testConfig('us-east-1', '123456789012'),
      materialsRetentionDays: 10950,
      workflowReservedConcurrency: 7,
      breakGlassRole: role,
    };
    const app = new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [] } });
    const other = Template.fromStack(buildApp({ config, app }).stack);
    const bucket = Object.values(other.findResources('AWS::S3::Bucket')).find(
      (b) => b.Properties.LoggingConfiguration?.LogFilePrefix === 'materials/',
    );
    expect(json(bucket?.Properties.LifecycleConfiguration.Rules)).toContain('"ExpirationInDays":10950');
    const intake = other.findResources('AWS::Lambda::Function')[functionLogicalId(other, 'intake')];
    expect(intake?.Properties.ReservedConcurrentExecutions).toBe(7);
    expect(json(other.toJSON())).toContain(`"aws:PrincipalArn":"${role}"`);
  });
});

describe('reserved concurrency', () => {
  it.each(workflowFunctions.map((s) => s.name))('onething-%s has the configured reserved concurrency', (name) => {
    const fn = resources('AWS::Lambda::Function')[functionLogicalId(template, name)];
    expect(fn?.Properties.ReservedConcurrentExecutions).toBe(DEPLOY_DEFAULTS.workflowReservedConcurrency);
  });

  it('onething-reconcile runs alone', () => {
    const fn = resources('AWS::Lambda::Function')[functionLogicalId(template, reconcileFunction.name)];
    expect(fn?.Properties.ReservedConcurrentExecutions).toBe(DEPLOY_DEFAULTS.reconcileReservedConcurrency);
  });
});

describe('log groups', () => {
  it('every log group is encrypted with the logs key', () => {
    const groups = Object.values(resources('AWS::Logs::LogGroup'));
    expect(groups.length).toBeGreaterThan(0);
    const keys = new Set(groups.map((g) => json(g.Properties.KmsKeyId)));
    expect([...keys]).toEqual([expect.stringContaining('Fn::GetAtt')]);
  });

  it("the logs key lets CloudWatch Logs of this region use it for this account's log groups only", () => {
    const keyLogicalId = JSON.parse(
      [...new Set(Object.values(resources('AWS::Logs::LogGroup')).map((g) => json(g.Properties.KmsKeyId)))][0] as string,
    )['Fn::GetAtt'][0];
    const key = resources('AWS::KMS::Key')[keyLogicalId];
    expect(key?.Properties.EnableKeyRotation).toBe(true);
    const forLogs = (key?.Properties.KeyPolicy.Statement as Array<Record<string, any>>).find((s) => json(s.Principal).includes('logs.'));
    expect(json(forLogs?.Principal)).toContain('logs.us-east-1.');
    expect(json(forLogs?.Condition)).toMatch(/kms:EncryptionContext:aws:logs:arn/);
    expect(json(forLogs?.Condition)).toMatch(/:logs:us-east-1:123456789012:log-group:\*/);
  });
});

describe('AWS Backup', () => {
  it('a daily plan with a retained, encrypted vault', () => {
    template.resourceCountIs('AWS::Backup::BackupPlan', 1);
    template.hasResource('AWS::Backup::BackupVault', { DeletionPolicy: 'Retain', Properties: { EncryptionKeyArn: Match.anyValue() } });
    const [plan] = Object.values(resources('AWS::Backup::BackupPlan'));
    const rules = plan?.Properties.BackupPlan.BackupPlanRule as Array<Record<string, any>>;
    expect(rules.map((r) => r.ScheduleExpression)).toContain('cron(0 19 * * ? *)');
    expect(Math.min(...rules.map((r) => r.Lifecycle.DeleteAfterDays))).toBeGreaterThanOrEqual(35);
  });

  it('selects both tables', () => {
    const [selection] = Object.values(resources('AWS::Backup::BackupSelection'));
    const selected = json(selection?.Properties.BackupSelection.Resources);
    expect(selected).toContain(tableId('onething-main'));
    expect(selected).toContain(tableId('onething-audit'));
  });
});

describe('alarms added by the hardening', () => {
  const alarms = Object.values(monitoringResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
  const alarmOn = (metricName: string, namespace: string) => alarms.filter((a) => a.MetricName === metricName && a.Namespace === namespace);

  it('API 5xx on the HTTP API', () => {
    const [alarm] = alarmOn('5xx', 'AWS/ApiGateway');
    expect(alarm?.Dimensions).toEqual([{ Name: 'ApiId', Value: { Ref: expect.stringMatching(/HttpApi/) } }]);
    expect(alarm?.AlarmActions).toEqual([{ Ref: expect.any(String) }]);
  });

  it.each(['onething-main', 'onething-audit'])('read and write throttles of %s', (tableName) => {
    for (const metric of ['ReadThrottleEvents', 'WriteThrottleEvents']) {
      const found = alarmOn(metric, 'AWS/DynamoDB').filter((a) => json(a.Dimensions).includes(tableId(tableName)));
      expect([metric, found.length]).toEqual([metric, 1]);
    }
  });

  it.each(catalog.map((d) => d.id))('ExecutionThrottled of onething-%s', (serviceId) => {
    const machineId = logicalIdOf('AWS::StepFunctions::StateMachine', (p) => p.StateMachineName === `onething-${serviceId}`);
    const found = alarmOn('ExecutionThrottled', 'AWS/States').filter(
      (a) => json(a.Dimensions) === json([{ Name: 'StateMachineArn', Value: { Ref: machineId } }]),
    );
    expect(found).toHaveLength(1);
  });

  it('reconcile lag: the metric reconcile emits, by its maximum, over several reconcile periods', () => {
    const [alarm] = alarmOn(RECONCILE_LAG_METRIC.name, 'OneThing');
    expect(alarm).toMatchObject({ Statistic: 'Maximum', ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: 900 });
    expect(alarm?.Dimensions).toBeUndefined();
    expect(alarm?.AlarmActions).toEqual([{ Ref: expect.any(String) }]);
  });
});
