import { GetCommand } from '../../../../shared/aws/document-store';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { createAwsClients } from '../../../../shared/aws/clients';
import { fixedEndpointProvider, USER_AGENT_MIDDLEWARE, withoutUserAgent } from '../../../../shared/aws/local-client-options';
import { loadConfig } from '../../../../shared/config';
import { bodyText, sdkRequestHandler, type SdkRequest } from '../../../../local/transport/sdk-handler';
import { AWS_ENV, jsonAnswer, LOCAL_ENV } from './fixtures';

/**
 * Issue 9: requests answered in this process (the local in-process and worker transports) are
 * neither SigV4-signed nor tagged with a user agent; on AWS and over the local `http` transport
 * they are both, as before (their exact bytes: signer.test.ts).
 */

const ITEM = JSON.stringify({ Item: { pk: { S: 'APP#1' }, sk: { S: 'APP' } } });
const EXECUTION = JSON.stringify({ executionArn: 'arn:x', startDate: 1 });

/** A request handler that records what reaches it and answers `body`. */
function recordingHandler(body: string) {
  const seen: SdkRequest[] = [];
  const handler = sdkRequestHandler(async (request) => {
    seen.push({ ...request, headers: { ...request.headers } });
    return jsonAnswer(body);
  });
  return { handler, seen };
}

/** Records the request as the innermost middleware sees it (after signing) and answers `body` without a network. */
function captureOnTheWire(client: { middlewareStack: unknown }, body: string): Array<Record<string, string>> {
  const seen: Array<Record<string, string>> = [];
  (client.middlewareStack as { add: (mw: unknown, options: object) => void }).add(
    () => async (args: { request: { headers: Record<string, string> } }) => {
      seen.push({ ...args.request.headers });
      return { response: jsonAnswer(body) };
    },
    { step: 'deserialize', priority: 'low', name: 'captureOnTheWire' },
  );
  return seen;
}

const savedEnv = { ...process.env };
beforeEach(() => {
  process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
  process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
});
afterEach(() => {
  process.env = { ...savedEnv };
});

describe.each([
  ['on AWS', AWS_ENV],
  ['locally over the http transport (no local handler)', LOCAL_ENV],
])('%s: signed with SigV4 and tagged with the user agent', (_where, env) => {
  test('DynamoDB and Step Functions', async () => {
    const { ddb, sfn } = createAwsClients(loadConfig(env));
    const ddbWire = captureOnTheWire(ddb.client, ITEM);
    const sfnWire = captureOnTheWire(sfn, EXECUTION);
    expect((await ddb.send(new GetCommand({ TableName: 't', Key: { pk: 'APP#1', sk: 'APP' } }))).Item).toEqual({ pk: 'APP#1', sk: 'APP' });
    await sfn.send(new StartExecutionCommand({ stateMachineArn: 'arn:x', input: '{}' }));
    for (const [headers, service] of [
      [ddbWire[0], 'dynamodb'],
      [sfnWire[0], 'states'],
    ] as const) {
      expect(headers?.authorization).toMatch(
        new RegExp(`^AWS4-HMAC-SHA256 Credential=\\S+/${service}/aws4_request, SignedHeaders=\\S+, Signature=[0-9a-f]{64}$`),
      );
      expect(headers?.['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
      expect(headers?.['x-amz-user-agent']).toMatch(/aws-sdk-js\//);
      expect(headers?.['user-agent']).toMatch(/aws-sdk-js\//);
    }
  });
});

describe('locally with in-process handlers (in-process and worker transports)', () => {
  test('DynamoDB and Step Functions requests reach the handler unsigned and without a user agent, and succeed', async () => {
    const dynamodb = recordingHandler(ITEM);
    const states = recordingHandler(EXECUTION);
    const { ddb, sfn } = createAwsClients(loadConfig(LOCAL_ENV), { dynamodb: dynamodb.handler, sfn: states.handler });

    const got = await ddb.send(new GetCommand({ TableName: 't', Key: { pk: 'APP#1', sk: 'APP' } }));
    const started = await sfn.send(new StartExecutionCommand({ stateMachineArn: 'arn:x', input: '{}' }));

    expect(got.Item).toEqual({ pk: 'APP#1', sk: 'APP' });
    expect(started.executionArn).toBe('arn:x');
    for (const seen of [dynamodb.seen, states.seen]) {
      expect(seen).toHaveLength(1);
      const names = Object.keys(seen[0]!.headers).map((name) => name.toLowerCase());
      expect(names).not.toContain('authorization');
      expect(names).not.toContain('x-amz-date');
      expect(names).not.toContain('x-amz-user-agent');
      expect(names).not.toContain('user-agent');
      // What the emulators do read is still there: the operation and the JSON body.
      expect(names).toEqual(expect.arrayContaining(['content-type', 'x-amz-target']));
    }
    expect(JSON.parse(bodyText(dynamodb.seen[0]!.body))).toEqual({ TableName: 't', Key: { pk: { S: 'APP#1' }, sk: { S: 'APP' } } });
  });

  test('a handler for one service leaves the other signed', async () => {
    const states = recordingHandler(EXECUTION);
    const { ddb } = createAwsClients(loadConfig(LOCAL_ENV), { sfn: states.handler });
    const ddbWire = captureOnTheWire(ddb.client, ITEM);
    await ddb.send(new GetCommand({ TableName: 't', Key: { pk: 'APP#1', sk: 'APP' } }));
    expect(ddbWire[0]?.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
  });

  test('handlers passed on AWS are ignored: the clients stay signed', async () => {
    const dynamodb = recordingHandler(ITEM);
    const { ddb } = createAwsClients(loadConfig(AWS_ENV), { dynamodb: dynamodb.handler });
    const ddbWire = captureOnTheWire(ddb.client, ITEM);
    await ddb.send(new GetCommand({ TableName: 't', Key: { pk: 'APP#1', sk: 'APP' } }));
    expect(dynamodb.seen).toEqual([]);
    expect(ddbWire[0]?.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
  });
});

describe('the endpoint rules (endpointProvider)', () => {
  const requestTarget = (request: SdkRequest) => {
    const { protocol, hostname, port, path } = request as SdkRequest & { protocol: string; hostname: string; port: number };
    return { protocol, hostname, port, path };
  };

  test('in-process clients answer their constant local endpoint without the rules; every request goes there', async () => {
    const dynamodb = recordingHandler(ITEM);
    const states = recordingHandler(EXECUTION);
    const { ddb, sfn } = createAwsClients(loadConfig(LOCAL_ENV), { dynamodb: dynamodb.handler, sfn: states.handler });
    expect(ddb.client.config.endpointProvider).not.toBe(new DynamoDBClient({ region: 'cn-north-1' }).config.endpointProvider);
    expect(ddb.client.config.endpointProvider({}).url.href).toBe('http://127.0.0.1:28000/');
    expect(sfn.config.endpointProvider({}).url.href).toBe('http://127.0.0.1:28083/');

    for (let i = 0; i < 2; i++) {
      await ddb.send(new GetCommand({ TableName: 't', Key: { pk: 'APP#1', sk: 'APP' } }));
      await sfn.send(new StartExecutionCommand({ stateMachineArn: 'arn:x', input: '{}' }));
    }
    for (const request of dynamodb.seen)
      expect(requestTarget(request)).toEqual({ protocol: 'http:', hostname: '127.0.0.1', port: 28000, path: '/' });
    for (const request of states.seen)
      expect(requestTarget(request)).toEqual({ protocol: 'http:', hostname: '127.0.0.1', port: 28083, path: '/' });
  });

  test.each([
    ['on AWS', AWS_ENV],
    ['locally over the http transport', LOCAL_ENV],
  ])("%s the clients keep the SDK's endpoint rules", (_where, env) => {
    const { ddb, sfn } = createAwsClients(loadConfig(env));
    expect(ddb.client.config.endpointProvider).toBe(new DynamoDBClient({ region: 'cn-north-1' }).config.endpointProvider);
    expect(sfn.config.endpointProvider).toBe(new SFNClient({ region: 'cn-north-1' }).config.endpointProvider);
  });

  test('fixedEndpointProvider answers one endpoint object for every call', () => {
    const provider = fixedEndpointProvider('http://127.0.0.1:1234');
    expect(provider()).toBe(provider());
    expect(provider().url.href).toBe('http://127.0.0.1:1234/');
  });
});

test('withoutUserAgent fails loudly if the SDK renames its user agent middleware', () => {
  const client = new SFNClient({ region: 'us-east-1' });
  expect(withoutUserAgent(client)).toBe(client);
  expect(() => withoutUserAgent(client)).toThrow(USER_AGENT_MIDDLEWARE);
});
