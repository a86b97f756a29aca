import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ResourceNotFoundException,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { startDynamoDb, type RunningDynamoDb } from '../../../local/components/dynamodb';
import { createInProcessDynamoDbHandler } from '../../../local/transport/dynamodb';
import { appItem, clientFor, createTestTable, TABLE } from './store-fixture';

/**
 * The in-process transport must answer exactly what dynalite's HTTP server answers: every call
 * below runs once over HTTP and once through the in-process handler (on its own keys, same
 * store), and the outputs or the errors as the SDK deserialised them must be equal.
 */
let dir: string;
let store: RunningDynamoDb;
let http: DynamoDBClient;
let inProcess: DynamoDBClient;
const internalErrors: unknown[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onething-store-inproc-'));
  store = await startDynamoDb({ host: '127.0.0.1', port: 0, dir });
  const endpoint = `http://127.0.0.1:${store.port}`;
  http = clientFor(endpoint);
  inProcess = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    requestHandler: createInProcessDynamoDbHandler(store.store, (err) => internalErrors.push(err)),
  });
  await createTestTable(http);
});

afterAll(async () => {
  http.destroy();
  inProcess.destroy();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

afterEach(() => expect(internalErrors).toEqual([]));

/** The output without request metadata, or the error's name, message, fault, status and class. */
async function outcome(send: () => Promise<object>): Promise<unknown> {
  try {
    const { $metadata: _metadata, ...output } = (await send()) as { $metadata: unknown };
    return { output };
  } catch (err) {
    const e = err as Error & { $fault?: string; $metadata?: { httpStatusCode?: number } };
    return { error: e.name, message: e.message, fault: e.$fault, status: e.$metadata?.httpStatusCode, class: e.constructor.name };
  }
}

/** Runs `scenario` over HTTP on keys `http~…` and in process on keys `proc~…`; answers must match once the prefix is. */
async function expectSameAnswers(scenario: (client: DynamoDBClient, prefix: string) => Promise<object>): Promise<unknown> {
  const overHttp = JSON.stringify(await outcome(() => scenario(http, 'http~'))).replaceAll('http~', 'X');
  const viaHandler = JSON.stringify(await outcome(() => scenario(inProcess, 'proc~'))).replaceAll('proc~', 'X');
  expect(JSON.parse(viaHandler)).toEqual(JSON.parse(overHttp));
  return JSON.parse(viaHandler);
}

it('puts, gets and misses items as over HTTP', async () => {
  await expectSameAnswers((c, p) => c.send(new PutItemCommand({ TableName: TABLE, Item: appItem(`${p}1`, '2026-10-01T00:00:00Z') })));
  const got = await expectSameAnswers((c, p) =>
    c.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: `${p}1` }, sk: { S: 'APP' } } })),
  );
  expect(got).toMatchObject({ output: { Item: { pk: { S: 'X1' } } } });
  expect(
    await expectSameAnswers((c, p) => c.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: `${p}none` }, sk: { S: 'APP' } } }))),
  ).toEqual({ output: {} });
});

it('fails a conditional write with ConditionalCheckFailedException and its message, and writes nothing', async () => {
  const conditional = (c: DynamoDBClient, p: string) =>
    c.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: { ...appItem(`${p}2`, '2026-10-01T00:00:01Z'), v: { N: '1' } },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  await expectSameAnswers(conditional);
  const failed = await expectSameAnswers(conditional);
  expect(failed).toEqual({
    error: 'ConditionalCheckFailedException',
    message: 'The conditional request failed',
    fault: 'client',
    status: 400,
    class: 'ConditionalCheckFailedException',
  });
  await expect(conditional(inProcess, 'proc~')).rejects.toBeInstanceOf(ConditionalCheckFailedException);
});

it('updates with ReturnValues and rejects a bad update expression with the same ValidationException', async () => {
  const update = (c: DynamoDBClient, p: string) =>
    c.send(
      new UpdateItemCommand({
        TableName: TABLE,
        Key: { pk: { S: `${p}3` }, sk: { S: 'APP' } },
        UpdateExpression: 'ADD n :one SET #s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':one': { N: '1' }, ':s': { S: 'open' } },
        ReturnValues: 'ALL_NEW',
      }),
    );
  await expectSameAnswers(update);
  expect(await expectSameAnswers(update)).toMatchObject({ output: { Attributes: { n: { N: '2' }, status: { S: 'open' } } } });
  const bad = await expectSameAnswers((c, p) =>
    c.send(
      new UpdateItemCommand({ TableName: TABLE, Key: { pk: { S: `${p}3` }, sk: { S: 'APP' } }, UpdateExpression: 'SET a = :missing' }),
    ),
  );
  expect(bad).toMatchObject({ error: 'ValidationException', status: 400 });
});

it('queries a global index with paging exactly as over HTTP', async () => {
  for (const [p, c] of [
    ['http~', http],
    ['proc~', inProcess],
  ] as const) {
    for (let i = 0; i < 5; i++) {
      await c.send(new PutItemCommand({ TableName: TABLE, Item: { ...appItem(`${p}q${i}`, `2026-10-02T00:00:0${i}Z`, `DAY#${p}`) } }));
    }
  }
  const page = await expectSameAnswers((c, p) =>
    c.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :d AND gsi2sk > :from',
        ExpressionAttributeValues: { ':d': { S: `DAY#${p}` }, ':from': { S: '2026-10-02T00:00:01' } },
        ScanIndexForward: false,
        Limit: 2,
      }),
    ),
  );
  expect(page).toMatchObject({ output: { Count: 2, LastEvaluatedKey: expect.any(Object) } });
  expect(
    await expectSameAnswers((c, _p) =>
      c.send(
        new QueryCommand({ TableName: TABLE, IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :d', ExpressionAttributeValues: {} }),
      ),
    ),
  ).toMatchObject({ error: 'ValidationException', status: 400 });
});

it('batches writes and reads, deletes with ALL_OLD, and names a missing table the same way', async () => {
  await expectSameAnswers((c, p) =>
    c.send(
      new BatchWriteItemCommand({
        RequestItems: { [TABLE]: [0, 1, 2].map((i) => ({ PutRequest: { Item: appItem(`${p}b${i}`, '2026-10-03T00:00:00Z') } })) },
      }),
    ),
  );
  const batch = await expectSameAnswers((c, p) =>
    c.send(new BatchGetItemCommand({ RequestItems: { [TABLE]: { Keys: [{ pk: { S: `${p}b1` }, sk: { S: 'APP' } }] } } })),
  );
  expect(batch).toMatchObject({ output: { Responses: { [TABLE]: [{ pk: { S: 'Xb1' } }] } } });
  expect(
    await expectSameAnswers((c, p) =>
      c.send(new DeleteItemCommand({ TableName: TABLE, Key: { pk: { S: `${p}b2` }, sk: { S: 'APP' } }, ReturnValues: 'ALL_OLD' })),
    ),
  ).toMatchObject({ output: { Attributes: { pk: { S: 'Xb2' } } } });
  const missing = await expectSameAnswers((c, p) =>
    c.send(new GetItemCommand({ TableName: 'no-such-table', Key: { pk: { S: `${p}1` }, sk: { S: 'APP' } } })),
  );
  expect(missing).toMatchObject({ error: 'ResourceNotFoundException', status: 400 });
  await expect(
    inProcess.send(new GetItemCommand({ TableName: 'no-such-table', Key: { pk: { S: 'x' }, sk: { S: 'APP' } } })),
  ).rejects.toBeInstanceOf(ResourceNotFoundException);
});

it('answers an operation dynalite does not serve, or an unsigned request, as its server does', async () => {
  const handler = createInProcessDynamoDbHandler(store.store);
  const json = { 'content-type': 'application/x-amz-json-1.0', authorization: 'AWS4-HMAC-SHA256 Credential=local/x' };
  const unknown = await handler.handle({
    method: 'POST',
    path: '/',
    headers: { ...json, 'x-amz-target': 'DynamoDB_20120810.TransactWriteItems' },
    body: '{}',
  });
  expect(unknown.response.statusCode).toBe(400);
  expect(JSON.parse(Buffer.from(unknown.response.body).toString())).toEqual({
    __type: 'com.amazon.coral.service#UnknownOperationException',
  });
  const unsigned = await handler.handle({
    method: 'POST',
    path: '/',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables' },
    body: '{}',
  });
  expect(unsigned.response.statusCode).toBe(400);
  expect(JSON.parse(Buffer.from(unsigned.response.body).toString())).toEqual({
    __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
    message: 'Request is missing Authentication Token',
  });
});
