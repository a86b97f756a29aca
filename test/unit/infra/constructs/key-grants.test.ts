import { App, Stack } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import { KEY_NEEDS, keyStatements } from '../../../../infra/constructs/key-grants';

const stack = new Stack(new App(), 'Test', { env: { region: 'eu-west-1', account: '123456789012' } });
const key = new Key(stack, 'Key');
const json = (needs: Parameters<typeof keyStatements>[2]) =>
  keyStatements(stack, key, needs).map((s) => stack.resolve(s.toStatementJson()));

describe('keyStatements', () => {
  it('emits nothing when no service needs the key', () => {
    expect(json({ dynamodb: [], s3: [] })).toEqual([]);
  });

  it('gives each service its own statement, deduplicated and sorted, usable only through it', () => {
    const [ddb, s3] = json({ dynamodb: [...KEY_NEEDS.dynamodb.write, ...KEY_NEEDS.dynamodb.read], s3: [...KEY_NEEDS.s3.read] });
    expect(ddb.Action).toEqual(['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey']);
    expect(s3.Action).toBe('kms:Decrypt');
    expect(JSON.stringify(ddb.Condition)).toContain('"dynamodb.eu-west-1."');
    expect(JSON.stringify(s3.Condition)).toContain('"s3.eu-west-1."');
    expect(ddb.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Key/), 'Arn'] });
  });
});
