import { App, Duration, Stack } from 'aws-cdk-lib';
import type { Access } from '../../../../functions/access';
import { accessGrants } from '../../../../infra/constructs/access-policy';
import { Data } from '../../../../infra/constructs/data';
import { SpecError } from '../../../../infra/errors';
import { EXPECTED_ACTIONS } from '../expected-actions';
import { Queue } from 'aws-cdk-lib/aws-sqs';

const stack = new Stack(new App(), 'Test', { env: { region: 'cn-north-1', account: '123456789012' } });
const data = new Data(stack, 'Data', { webOrigin: 'https://onething.test.gov.cn', auditRetention: Duration.days(1) });
// The SMS queue joins the resources in the stack (infra/constructs/notifications.ts).
const resources = { ...data.resources(['school-enrolment', 'newborn']), smsQueue: new Queue(stack, 'Sms') };
const resolved = (access: Access[]) => accessGrants(stack, access, resources).map((g) => stack.resolve(g.statement.toStatementJson()));

describe('accessGrants', () => {
  it.each(Object.keys(EXPECTED_ACTIONS) as Access[])('%s: exactly the expected actions, none with a wildcard', (access) => {
    const actions = resolved([access]).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]) as string[]);
    expect([...new Set(actions)].sort()).toEqual([...EXPECTED_ACTIONS[access]].sort());
  });

  it('audit:append is PutItem on the audit table only', () => {
    const [put] = resolved(['audit:append']);
    expect(put).toMatchObject({ Action: 'dynamodb:PutItem', Resource: { 'Fn::GetAtt': [expect.stringMatching(/Audit/), 'Arn'] } });
  });

  it('main:read names the table and each of its indexes, no index wildcard', () => {
    const [read] = resolved(['main:read']);
    const resourcesJson = JSON.stringify(read.Resource);
    for (const index of ['gsi1', 'gsi2', 'gsi3']) expect(resourcesJson).toContain(`/index/${index}`);
    expect(resourcesJson).not.toContain('*');
  });

  it('sfn:start and sfn:task-response name each service machine in the stack partition and region', () => {
    const statements = resolved(['sfn:start', 'sfn:task-response']);
    const start = statements.find((s) => s.Action === 'states:StartExecution');
    expect(start?.Resource).toHaveLength(2);
    expect(JSON.stringify(start?.Resource)).toContain(':states:cn-north-1:123456789012:stateMachine:onething-newborn');
    const respond = statements.find((s) => (s.Action as string[]).includes('states:SendTaskSuccess'));
    expect(JSON.stringify(respond?.Resource)).toContain('stateMachine:onething-school-enrolment');
  });

  it('scopes the data key per service: DynamoDB needs for the tables, S3 needs for the materials', () => {
    const kms = resolved(['main:write', 'materials:read:uploads', 'materials:write:applications']).filter((s) =>
      JSON.stringify(s.Action).includes('kms:'),
    );
    // `kms:ViaService` is `<service>.<region>.<URLSuffix>`, the suffix a deploy-time token.
    const service = (s: { Condition: { StringEquals: Record<string, unknown> } }) =>
      JSON.stringify(s.Condition.StringEquals['kms:ViaService']).match(/"(dynamodb|s3)\.cn-north-1\./)?.[1];
    const byService = Object.fromEntries(kms.map((s) => [service(s), s.Action]));
    expect(byService).toEqual({
      dynamodb: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
      s3: ['kms:Decrypt', 'kms:GenerateDataKey'],
    });
  });

  it.each([
    [['materials:read:uploads'], 's3:GetObject', ['uploads/']],
    [['materials:read:applications'], 's3:GetObject', ['applications/']],
    [['materials:write:uploads'], 's3:PutObject', ['uploads/']],
    [['materials:write:applications'], 's3:PutObject', ['applications/']],
    [['materials:read:uploads', 'materials:read:applications'], 's3:GetObject', ['uploads/', 'applications/']],
  ] as Array<[Access[], string, string[]]>)('%j: %s on objects under exactly %j', (access, action, prefixes) => {
    const statements = resolved(access).filter((s) => s.Action === action);
    expect(statements).toHaveLength(1);
    const resources = ([] as unknown[]).concat(statements[0].Resource).map((r) => JSON.stringify(r));
    expect(resources).toHaveLength(prefixes.length);
    for (const [i, prefix] of prefixes.entries()) expect(resources[i]).toMatch(new RegExp(`/${prefix}\\*"\\]\\]\\}$`));
  });

  it('a reader of both areas gets one ListBucket on the bucket itself, and a writer none', () => {
    const list = resolved(['materials:read:uploads', 'materials:read:applications']).filter((s) => s.Action === 's3:ListBucket');
    expect(list).toEqual([expect.objectContaining({ Resource: { 'Fn::GetAtt': [expect.stringMatching(/Materials/), 'Arn'] } })]);
    expect(resolved(['materials:write:uploads']).filter((s) => s.Action === 's3:ListBucket')).toEqual([]);
  });

  it('audit:read queries the audit table itself, not its inspector index', () => {
    const [query] = resolved(['audit:read']);
    expect(query).toMatchObject({ Action: 'dynamodb:Query', Resource: { 'Fn::GetAtt': [expect.stringMatching(/Audit/), 'Arn'] } });
  });

  it('explains every wildcard resource', () => {
    for (const grant of accessGrants(stack, Object.keys(EXPECTED_ACTIONS) as Access[], resources)) {
      const hasWildcard = JSON.stringify(stack.resolve(grant.statement.resources)).includes('*');
      expect(Boolean(grant.wildcardReason)).toBe(hasWildcard);
    }
  });

  it('sms:enqueue is SendMessage on the SMS queue only; without the queue it is refused', () => {
    const [send] = resolved(['sms:enqueue']);
    expect(send).toMatchObject({ Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [expect.stringMatching(/Sms/), 'Arn'] } });
    expect(() => accessGrants(stack, ['sms:enqueue'], data.resources(['newborn']))).toThrow(SpecError);
  });

  it('rejects an unknown access naming the field', () => {
    expect(() => accessGrants(stack, ['main:delete' as Access], resources)).toThrow(SpecError);
    expect(() => accessGrants(stack, ['main:delete' as Access], resources)).toThrow(/"access".*main:delete/);
  });
});
