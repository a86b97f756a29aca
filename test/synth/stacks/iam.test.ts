import { platformFunctionSpecs } from '../../../infra/specs';
import { expectedActions } from '../../unit/infra/expected-actions';
import { actionsOf, statementsOf, synthesize } from '../synth';

const { template } = synthesize('us-east-1');

const tableLogicalId = (tableName: string): string => {
  const found = Object.entries(template.findResources('AWS::DynamoDB::Table')).find(([, r]) => r.Properties.TableName === tableName);
  if (!found) throw new Error(`no table ${tableName}`);
  return found[0];
};

// The export signing key (issue 8) is used directly (kms:Sign / kms:GetPublicKey), never via a service.
const signingKeyId = (() => {
  const keys = Object.entries(template.findResources('AWS::KMS::Key')).filter(([, r]) => r.Properties.KeyUsage === 'SIGN_VERIFY');
  if (keys.length !== 1) throw new Error(`expected one signing key, found ${keys.length}`);
  return keys[0]![0];
})();
const onSigningKey = (s: { Resource?: unknown }) => JSON.stringify(s.Resource) === JSON.stringify({ 'Fn::GetAtt': [signingKeyId, 'Arn'] });

describe.each(platformFunctionSpecs.map((spec) => [spec.name, spec] as const))('IAM of onething-%s', (name, spec) => {
  const statements = statementsOf(template, name);

  it('has exactly the actions its access list implies', () => {
    expect([...new Set(statements.flatMap(actionsOf))].sort()).toEqual(expectedActions(spec.access));
  });

  it('has no wildcard action', () => {
    expect(statements.flatMap(actionsOf).filter((a) => a.includes('*'))).toEqual([]);
  });

  it('touches the audit table only with PutItem and Query', () => {
    const audit = tableLogicalId('onething-audit');
    const onAudit = statements.filter((s) => JSON.stringify(s.Resource).includes(audit)).flatMap(actionsOf);
    expect(onAudit.filter((a) => !['dynamodb:PutItem', 'dynamodb:Query'].includes(a))).toEqual([]);
  });

  it('uses the data key only through DynamoDB and S3', () => {
    for (const s of statements.filter((st) => actionsOf(st).some((a) => a.startsWith('kms:')) && !onSigningKey(st))) {
      expect(s.Condition).toEqual({ StringEquals: { 'kms:ViaService': expect.anything() } });
      expect(JSON.stringify(s.Condition)).toMatch(/"(dynamodb|s3)\.us-east-1\."/);
    }
  });

  it('uses the export signing key only as its access list says: Sign to export, GetPublicKey to publish', () => {
    const onKey = statements.filter(onSigningKey);
    const wanted = [
      ...(spec.access.includes('audit:sign-export') ? ['kms:Sign'] : []),
      ...(spec.access.includes('audit:export-public-key') ? ['kms:GetPublicKey'] : []),
    ];
    expect(onKey.flatMap(actionsOf).sort()).toEqual(wanted.sort());
  });
});

describe('IAM across functions', () => {
  const all = platformFunctionSpecs.flatMap((spec) => statementsOf(template, spec.name));

  it('no IAM policy of the stack, state machine role included, has a wildcard action', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[] }>,
    );
    expect(statements.flatMap(actionsOf).filter((a) => a.includes('*'))).toEqual([]);
  });

  it('never grants DeleteItem, Scan or BatchWriteItem', () => {
    const forbidden = ['dynamodb:DeleteItem', 'dynamodb:Scan', 'dynamodb:BatchWriteItem'];
    expect(all.flatMap(actionsOf).filter((a) => forbidden.includes(a))).toEqual([]);
  });

  it('grants Resource "*" only to tracing, PutMetricData (namespace-scoped) and SMS publishing', () => {
    const star = all.filter((s) => s.Resource === '*');
    for (const s of star) {
      const actions = actionsOf(s);
      if (actions.includes('cloudwatch:PutMetricData')) {
        expect(s.Condition).toEqual({ StringEquals: { 'cloudwatch:namespace': 'OneThing' } });
      } else if (actions.includes('sns:Publish')) {
        // SMS to a phone number has no resource ARN (sms-send only; DESIGN.md "Notifications and evaluations").
        expect(actions).toEqual(['sns:Publish']);
      } else {
        expect(actions.sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
      }
    }
  });

  it('scopes task responses to the named service state machines', () => {
    const taskResponse = all.filter((s) => actionsOf(s).includes('states:SendTaskSuccess'));
    expect(taskResponse.length).toBeGreaterThan(0);
    for (const s of taskResponse) expect(JSON.stringify(s.Resource)).toMatch(/:stateMachine:onething-[a-z-]+"/);
  });
});

describe('IAM of the materials bucket: each function reaches only the prefixes its access names', () => {
  /** The object prefixes (`uploads/`, `applications/`) an action is granted on, for one function. */
  const prefixesOf = (name: string, action: string): string[] =>
    statementsOf(template, name)
      .filter((s) => actionsOf(s).includes(action))
      .flatMap((s) => ([] as unknown[]).concat(s.Resource))
      .map((r) => JSON.stringify(r).match(/\/([a-z]+\/)\*"\]\]\}$/)?.[1] ?? JSON.stringify(r))
      .sort();

  it.each([
    ['create-upload', 's3:PutObject', ['uploads/']],
    ['create-upload', 's3:GetObject', []],
    ['get-material-link', 's3:GetObject', ['applications/']],
    ['get-material-link', 's3:PutObject', []],
    ['submit-application', 's3:GetObject', ['uploads/']],
    ['submit-application', 's3:PutObject', ['applications/']],
    ['provide-supplement', 's3:GetObject', ['uploads/']],
    ['provide-supplement', 's3:PutObject', ['applications/']],
  ])('onething-%s: %s on %j', (name, action, prefixes) => {
    expect(prefixesOf(name, action)).toEqual([...prefixes].sort());
  });
});
