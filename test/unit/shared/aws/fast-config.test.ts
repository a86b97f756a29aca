import v8 from 'node:v8';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { createAwsClients } from '../../../../shared/aws/clients';
import { GetCommand } from '../../../../shared/aws/document-store';
import { withFastProperties } from '../../../../shared/aws/fast-config';
import { loadConfig } from '../../../../shared/config';
import { sdkRequestHandler } from '../../../../local/transport/sdk-handler';
import { AWS_ENV, jsonAnswer, LOCAL_ENV } from './fixtures';

// V8's own answer to "are this object's properties stored fast?" (a native, behind a flag):
// `%` syntax only compiles from source text, hence the Function constructor.
v8.setFlagsFromString('--allow-natives-syntax');
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const hasFastProperties = new Function('object', 'return %HasFastProperties(object)') as (object: object) => boolean;

/** Every own property of `object` as [name, descriptor]: what must not change. */
const snapshot = (object: object) => Object.entries(Object.getOwnPropertyDescriptors(object));

test('an SDK client as the SDK builds it keeps its config in a hash table (why fast-config.ts exists)', () => {
  expect(hasFastProperties(new DynamoDBClient({ region: 'cn-north-1' }).config)).toBe(false);
});

test('withFastProperties stores the same object fast: same identity, names, values and accessors', () => {
  const config = new SFNClient({ region: 'cn-north-1' }).config;
  const before = snapshot(config);
  expect(withFastProperties(config)).toBe(config);
  expect(hasFastProperties(config)).toBe(true);
  expect(snapshot(config)).toEqual(before);
  expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
});

test.each([
  ['on AWS', AWS_ENV],
  ['locally over the http transport', LOCAL_ENV],
])('%s createAwsClients stores every client config fast', (_where, env) => {
  const { ddb, s3, sfn } = createAwsClients(loadConfig(env));
  for (const client of [ddb.client, s3, sfn]) expect(hasFastProperties(client.config)).toBe(true);
});

test('with in-process handlers the configs are fast and stay fast through calls', async () => {
  const answer = (body: string) => sdkRequestHandler(async () => jsonAnswer(body));
  const execution = JSON.stringify({ executionArn: 'arn:x', startDate: 1 });
  const { ddb, s3, sfn } = createAwsClients(loadConfig(LOCAL_ENV), { dynamodb: answer('{}'), sfn: answer(execution) });
  for (const client of [ddb.client, s3, sfn]) expect(hasFastProperties(client.config)).toBe(true);
  for (let i = 0; i < 3; i++) {
    await ddb.send(new GetCommand({ TableName: 't', Key: { pk: 'APP#1', sk: 'APP' } }));
    await sfn.send(new StartExecutionCommand({ stateMachineArn: 'arn:x', input: '{}' }));
  }
  expect(hasFastProperties(ddb.client.config)).toBe(true);
  expect(hasFastProperties(sfn.config)).toBe(true);
});
