import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DocumentStore, GetCommand, PutCommand } from '../../../../shared/aws/document-store';
import { SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { createAwsClients } from '../../../../shared/aws/clients';
import { signerBuiltOnce, type SignerSource } from '../../../../shared/aws/signer';
import { loadConfig } from '../../../../shared/config';
import { AWS_ENV, jsonAnswer, LOCAL_ENV } from './fixtures';

/**
 * Issue 9: the platform's clients sign with one SigV4 signer per scope instead of the SDK's new
 * one per request. What goes on the wire must not change: the same request, signed by the SDK's
 * default and by the platform's client at the same instant, is the same bytes.
 */

interface Sent {
  method: string;
  hostname: string;
  port?: number;
  path: string;
  headers: Record<string, string>;
  body: string;
}

interface Stack {
  add: (mw: unknown, options: object) => void;
  addRelativeTo: (mw: unknown, options: object) => void;
}

/** The JSON protocols' body: bytes (read as a view, not through the SDK's string adapter) or text. */
const text = (body: unknown) =>
  body instanceof Uint8Array ? Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8') : String(body);

/**
 * Records the request as it would leave (serialised, signed: the innermost middleware) and
 * answers it without a network, with the given JSON body.
 */
function capture(client: { middlewareStack: unknown }, answer: string): Sent[] {
  const stack = client.middlewareStack as Stack;
  const sent: Sent[] = [];
  // The invocation id is a random UUID per request, and it is signed: fix it before signing.
  let sequence = 0;
  stack.addRelativeTo(
    (next: (args: unknown) => Promise<unknown>) => async (args: { request: { headers: Record<string, string> } }) => {
      args.request.headers['amz-sdk-invocation-id'] = `00000000-0000-4000-8000-${String(sequence++).padStart(12, '0')}`;
      return next(args);
    },
    { relation: 'before', toMiddleware: 'httpSigningMiddleware', name: 'fixedInvocationId' },
  );
  stack.add(
    () => async (args: { request: Omit<Sent, 'body'> & { body: unknown } }) => {
      const { method, hostname, port, path, headers, body } = args.request;
      sent.push({ method, hostname, port, path, headers: { ...headers }, body: text(body) });
      return { response: jsonAnswer(answer) };
    },
    { step: 'deserialize', priority: 'low', name: 'captureSigned' },
  );
  return sent;
}

const savedEnv = { ...process.env };
beforeEach(() => {
  // The default credential chain (environment) for both sides, as on Lambda, session token included.
  process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
  process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
  process.env.AWS_SESSION_TOKEN = 'session-token-example';
  jest.useFakeTimers({
    now: new Date('2026-12-03T13:00:00Z'),
    doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'clearTimeout'],
  });
});
afterEach(() => {
  jest.useRealTimers();
  process.env = { ...savedEnv };
});

describe.each([
  ['on AWS', AWS_ENV, {}],
  [
    'locally',
    LOCAL_ENV,
    { endpoint: 'http://127.0.0.1:28000', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, region: 'us-east-1' },
  ],
] as const)('%s', (_where, env, localDdb) => {
  test('DynamoDB requests (the document layer) are signed byte for byte as the SDK default signs them', async () => {
    const config = loadConfig(env);
    const platform = createAwsClients(config).ddb;
    const reference = new DocumentStore(new DynamoDBClient({ region: config.region, ...localDdb }));
    const item = JSON.stringify({ Item: { pk: { S: 'APP#1' }, sk: { S: 'APP' } } });
    // Before the first send: the platform's client caches its resolved middleware (cacheMiddleware).
    const ours = capture(platform.client, item);
    const theirs = capture(reference.client, item);
    const commands = () => [
      new GetCommand({ TableName: 't', Key: { pk: 'APP#1', sk: 'APP' } }),
      new PutCommand({
        TableName: 't',
        Item: { pk: 'APP#2', sk: 'APP', gone: undefined },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ];
    for (const command of commands()) expect(await platform.send(command as GetCommand)).toBeDefined();
    for (const command of commands()) expect(await reference.send(command as GetCommand)).toBeDefined();

    expect(ours).toHaveLength(2);
    expect(ours[0]!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=\S+\/20261203\/\S+\/dynamodb\/aws4_request, /);
    expect(ours).toEqual(theirs);
  });

  test('Step Functions requests are signed byte for byte as the SDK default signs them', async () => {
    const config = loadConfig(env);
    const platform = createAwsClients(config).sfn;
    const local = 'endpoint' in localDdb ? { ...localDdb, endpoint: 'http://127.0.0.1:28083' } : {};
    const reference = new SFNClient({ region: config.region, ...local });
    const ours = capture(platform, JSON.stringify({ executionArn: 'arn:x', startDate: 1 }));
    const theirs = capture(reference, JSON.stringify({ executionArn: 'arn:x', startDate: 1 }));
    const commands = () => [
      new StartExecutionCommand({ stateMachineArn: `${config.stateMachineArnPrefix}onething-s`, name: 'app-1', input: '{}' }),
      new SendTaskSuccessCommand({ taskToken: 'token', output: '{"ok":true}' }),
    ];
    for (const command of commands()) await platform.send(command as StartExecutionCommand);
    for (const command of commands()) await reference.send(command as StartExecutionCommand);

    expect(ours).toHaveLength(2);
    expect(ours[0]!.headers.authorization).toMatch(/\/states\/aws4_request, /);
    expect(ours).toEqual(theirs);
  });
});

describe('signerBuiltOnce', () => {
  const source = (region: () => Promise<string>): SignerSource => ({
    credentials: async () => ({ accessKeyId: 'a', secretAccessKey: 's' }),
    region,
    sha256: class {} as never,
  });

  test('one signer per signing region and service, shared by every request of that scope', async () => {
    const sign = signerBuiltOnce(() => source(async () => 'cn-north-1'), 'dynamodb');
    const first = await sign({ signingRegion: 'cn-north-1', signingName: 'dynamodb' });
    expect(await sign({ signingRegion: 'cn-north-1', signingName: 'dynamodb' })).toBe(first);
    expect(await sign({ signingRegion: 'cn-northwest-1', signingName: 'dynamodb' })).not.toBe(first);
    // Without an auth scheme: the client's region and the given service.
    const fallback = await sign();
    expect(await sign()).toBe(fallback);
    expect(fallback).not.toBe(first);
  });

  test('a failed build is not kept: the next request builds again', async () => {
    const region = jest.fn<Promise<string>, []>().mockRejectedValueOnce(new Error('no region')).mockResolvedValue('cn-north-1');
    const sign = signerBuiltOnce(() => source(region), 'states');
    await expect(sign()).rejects.toThrow('no region');
    await expect(sign()).resolves.toBeDefined();
    expect(region).toHaveBeenCalledTimes(2);
  });
});
