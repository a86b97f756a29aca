import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConditionalCheckFailedException, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand } from '../../../shared/aws/document-store';
import { startDynamoDb, type RunningDynamoDb } from '../../../local/components/dynamodb';
import { createInProcessDynamoDbHandler } from '../../../local/transport/dynamodb';
import { startDynamoDbThread, type RunningDynamoDbThread } from '../../../local/transport/dynamodb-thread';
import type { SdkRequest, SdkRequestHandler } from '../../../local/transport/sdk-handler';
import { createAwsClients } from '../../../shared/aws/clients';
import { loadConfig } from '../../../shared/config';
import { clientFor, createTestTable, TABLE } from './store-fixture';

/**
 * Issue 9 (trimming the local transport): the platform's clients, as createAwsClients builds them
 * with a local handler, send unsigned requests without a user agent, and the in-process and
 * worker transports answer them on the real store; the worker batches the calls of one turn on
 * its MessagePort and still hands each caller its own answer; dynalite's port keeps refusing
 * unsigned requests; a thread that is gone answers 500.
 */

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const internalErrors: unknown[] = [];
afterEach(() => expect(internalErrors).toEqual([]));

/** Wraps a handler to record the headers of what reaches it. */
function recording(handler: SdkRequestHandler): { handler: SdkRequestHandler; headers: Array<Record<string, string>> } {
  const headers: Array<Record<string, string>> = [];
  return {
    headers,
    handler: {
      ...handler,
      handle: (request: SdkRequest) => {
        headers.push({ ...request.headers });
        return handler.handle(request);
      },
    },
  };
}

/** The platform's document client on `handler`, as the local runtime builds it. */
function platformClient(port: number, handler: SdkRequestHandler) {
  return createAwsClients(loadConfig({ ONETHING_LOCAL: '1', ONETHING_DYNAMODB_PORT: String(port) }), { dynamodb: handler }).ddb;
}

async function exercise(ddb: ReturnType<typeof platformClient>, prefix: string): Promise<void> {
  // 40 writes and 40 reads in one turn: the worker's batches carry many calls each way.
  const ids = Array.from({ length: 40 }, (_, i) => `${prefix}${i}`);
  await Promise.all(
    ids.map((id) =>
      ddb.send(
        new PutCommand({
          TableName: TABLE,
          Item: { pk: id, sk: 'APP', gsi1pk: `OWNER#${prefix}`, gsi1sk: id, n: Number(id.slice(prefix.length)) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    ),
  );
  const items = await Promise.all(ids.map((id) => ddb.send(new GetCommand({ TableName: TABLE, Key: { pk: id, sk: 'APP' } }))));
  expect(items.map((got) => got.Item?.n)).toEqual(ids.map((_, i) => i));
  await expect(
    ddb.send(new PutCommand({ TableName: TABLE, Item: { pk: ids[0], sk: 'APP' }, ConditionExpression: 'attribute_not_exists(pk)' })),
  ).rejects.toBeInstanceOf(ConditionalCheckFailedException);
  const page = await ddb.send(
    new QueryCommand({
      TableName: TABLE,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :o',
      ExpressionAttributeValues: { ':o': `OWNER#${prefix}` },
    }),
  );
  expect(page.Count).toBe(40);
}

const expectUnsignedWithoutUserAgent = (headers: Array<Record<string, string>>) => {
  expect(headers.length).toBeGreaterThanOrEqual(82);
  for (const sent of headers) {
    expect(Object.keys(sent)).not.toContain('authorization');
    expect(Object.keys(sent)).not.toContain('x-amz-user-agent');
    expect(Object.keys(sent)).not.toContain('user-agent');
  }
};

describe('in-process transport', () => {
  let dir: string;
  let store: RunningDynamoDb;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onething-trim-inproc-'));
    store = await startDynamoDb({ host: '127.0.0.1', port: 0, dir });
    const http = clientFor(`http://127.0.0.1:${store.port}`);
    await createTestTable(http);
    http.destroy();
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the platform client writes, reads and queries unsigned, conditional failures included', async () => {
    const handler = recording(createInProcessDynamoDbHandler(store.store, (err) => internalErrors.push(err), { acceptUnsigned: true }));
    const ddb = platformClient(store.port, handler.handler);
    await exercise(ddb, 'I');
    expectUnsignedWithoutUserAgent(handler.headers);
    ddb.destroy();
  });

  test("dynalite's port still refuses an unsigned request", async () => {
    const unsigned = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${store.port}`,
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
      signer: { sign: async (request) => request },
    });
    await expect(unsigned.send(new ListTablesCommand({}))).rejects.toMatchObject({ name: 'MissingAuthenticationTokenException' });
    unsigned.destroy();
  });
});

describe('worker transport', () => {
  let dir: string;
  let thread: RunningDynamoDbThread;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onething-trim-worker-'));
    thread = await startDynamoDbThread({ host: '127.0.0.1', port: 0, dir, acceptUnsigned: true });
    const http = clientFor(`http://127.0.0.1:${thread.port}`);
    await createTestTable(http);
    http.destroy();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the platform client writes, reads and queries unsigned through the batched MessagePort', async () => {
    const handler = recording(thread.handler);
    const ddb = platformClient(thread.port, handler.handler);
    await exercise(ddb, 'W');
    expectUnsignedWithoutUserAgent(handler.headers);
    ddb.destroy();
  });

  test('a thread started without acceptUnsigned refuses unsigned requests as dynalite does', async () => {
    const strictDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onething-trim-strict-'));
    const strict = await startDynamoDbThread({ host: '127.0.0.1', port: 0, dir: strictDir });
    const ddb = createAwsClients(loadConfig({ ONETHING_LOCAL: '1', ONETHING_DYNAMODB_PORT: String(strict.port) }), {
      dynamodb: strict.handler,
    }).ddb;
    try {
      await expect(ddb.send(new GetCommand({ TableName: TABLE, Key: { pk: 'x', sk: 'APP' } }))).rejects.toMatchObject({
        name: 'MissingAuthenticationTokenException',
      });
    } finally {
      ddb.destroy();
      await strict.close();
      fs.rmSync(strictDir, { recursive: true, force: true });
    }
  });

  test('a call after the thread closed answers 500 InternalFailure instead of hanging', async () => {
    const raw = new DynamoDBClient({
      endpoint: 'http://127.0.0.1:1',
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
      requestHandler: thread.handler,
    });
    await thread.close();
    await expect(raw.send(new ListTablesCommand({}))).rejects.toMatchObject({
      name: 'InternalFailure',
      $metadata: { httpStatusCode: 500 },
    });
    raw.destroy();
  });
});
