import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ResourceNotFoundException,
  ScanCommand,
  UpdateItemCommand,
  type AttributeValue,
  type CreateTableCommandInput,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import { startDynamoDb, type RunningDynamoDb } from '../../../local/components/dynamodb';
import { createInProcessDynamoDbHandler } from '../../../local/transport/dynamodb';

/**
 * The shortcuts patches/dynalite+4.0.0.patch takes for speed must not change an answer: a table
 * description kept in memory (must follow DeleteTable/CreateTable), an expression parse reused
 * for the next request with the same text (must take that request's values and still reject what
 * the first request's types allowed), and Query/Scan read without streams (Limit and 1 MB pages,
 * filters, order). Through the runtime's default path: the SDK client on the in-process handler.
 */
let dir: string;
let store: RunningDynamoDb;
let client: DynamoDBClient;
const internalErrors: unknown[] = [];
const TABLE = 'fast-paths';

const S = (value: string): AttributeValue => ({ S: value });
const N = (value: number): AttributeValue => ({ N: String(value) });

function tableInput(name: string, keys: string[], indexes: string[]): CreateTableCommandInput {
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: keys.map((AttributeName, i) => ({ AttributeName, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
    AttributeDefinitions: [...keys, ...indexes.flatMap((i) => [`${i}pk`, `${i}sk`])].map((AttributeName) => ({
      AttributeName,
      AttributeType: 'S',
    })),
    GlobalSecondaryIndexes: indexes.length
      ? indexes.map((IndexName) => ({
          IndexName,
          KeySchema: [
            { AttributeName: `${IndexName}pk`, KeyType: 'HASH' },
            { AttributeName: `${IndexName}sk`, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        }))
      : undefined,
  };
}

async function createTable(input: CreateTableCommandInput): Promise<void> {
  await client.send(new CreateTableCommand(input));
  // dynalite reports the table ACTIVE on its next turn, even with createTableMs 0.
  while ((await client.send(new DescribeTableCommand({ TableName: input.TableName }))).Table?.TableStatus !== 'ACTIVE') {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function deleteTable(name: string): Promise<void> {
  await client.send(new DeleteTableCommand({ TableName: name }));
  for (;;) {
    try {
      await client.send(new DescribeTableCommand({ TableName: name }));
      await new Promise((resolve) => setTimeout(resolve, 5));
    } catch (err) {
      if (err instanceof ResourceNotFoundException) return;
      throw err;
    }
  }
}

const get = async (pk: string, sk: string) =>
  (await client.send(new GetItemCommand({ TableName: TABLE, Key: { pk: S(pk), sk: S(sk) } }))).Item;

/** Every page of a Query or Scan: the items of each page and whether it had a LastEvaluatedKey. */
async function pages(
  read: (
    start?: Record<string, AttributeValue>,
  ) => Promise<{ Items?: Record<string, AttributeValue>[]; LastEvaluatedKey?: Record<string, AttributeValue> }>,
) {
  const result: Array<{ sks: string[]; more: boolean }> = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await read(start);
    result.push({ sks: (page.Items ?? []).map((item) => item.sk!.S!), more: page.LastEvaluatedKey !== undefined });
    start = page.LastEvaluatedKey;
  } while (start);
  return result;
}

const query = (input: Omit<QueryCommandInput, 'TableName'>) => (start?: Record<string, AttributeValue>) =>
  client.send(new QueryCommand({ TableName: TABLE, ExclusiveStartKey: start, ...input }));

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onething-store-fast-paths-'));
  store = await startDynamoDb({ host: '127.0.0.1', port: 0, dir });
  client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${store.port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    requestHandler: createInProcessDynamoDbHandler(store.store, (err) => internalErrors.push(err)),
  });
  await createTable(tableInput(TABLE, ['pk', 'sk'], ['gsi1']));
});

afterAll(async () => {
  client.destroy();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

afterEach(() => expect(internalErrors).toEqual([]));

describe('an expression parsed before', () => {
  it('takes each request’s own values, wherever they appear in it', async () => {
    await client.send(new PutItemCommand({ TableName: TABLE, Item: { pk: S('expr-1'), sk: S('APP'), n: N(1), status: S('open') } }));
    const update = (status: string, step: number, tag: string) =>
      client.send(
        new UpdateItemCommand({
          TableName: TABLE,
          Key: { pk: S('expr-1'), sk: S('APP') },
          UpdateExpression: 'SET #s = :s, n = n + :d, a = :tag, b = :tag',
          ConditionExpression: '#s <> :done',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':s': S(status), ':d': N(step), ':tag': S(tag), ':done': S('done') },
          ReturnValues: 'ALL_NEW',
        }),
      );
    expect((await update('review', 2, 'first')).Attributes).toMatchObject({ status: S('review'), n: N(3), a: S('first'), b: S('first') });
    expect((await update('done', 5, 'second')).Attributes).toMatchObject({ status: S('done'), n: N(8), a: S('second'), b: S('second') });
    // the third time the condition's value (:done) matches the stored status
    await expect(update('again', 1, 'third')).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    expect(await get('expr-1', 'APP')).toMatchObject({ status: S('done'), n: N(8), a: S('second') });
  });

  it('still rejects a value of another type, and a value the expression does not use', async () => {
    await client.send(new PutItemCommand({ TableName: TABLE, Item: { pk: S('expr-2'), sk: S('APP'), n: N(1) } }));
    const add = (values: Record<string, AttributeValue>) =>
      client.send(
        new UpdateItemCommand({
          TableName: TABLE,
          Key: { pk: S('expr-2'), sk: S('APP') },
          UpdateExpression: 'SET n = n + :d',
          ExpressionAttributeValues: values,
        }),
      );
    await add({ ':d': N(1) });
    await expect(add({ ':d': S('1') })).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S',
    });
    await expect(add({ ':d': N(1), ':extra': N(2) })).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Value provided in ExpressionAttributeValues unused in expressions: keys: {:extra}',
    });
    await add({ ':d': N(10) });
    expect(await get('expr-2', 'APP')).toMatchObject({ n: N(12) });
  });

  it('evaluates a key condition with the value on the left for each request (dynalite turns that condition around)', async () => {
    for (const sk of ['a', 'b', 'c', 'd'])
      await client.send(new PutItemCommand({ TableName: TABLE, Item: { pk: S('expr-3'), sk: S(sk) } }));
    const from = async (lowest: string) =>
      (
        await client.send(
          new QueryCommand({
            TableName: TABLE,
            KeyConditionExpression: 'pk = :p AND :low <= sk',
            ExpressionAttributeValues: { ':p': S('expr-3'), ':low': S(lowest) },
          }),
        )
      ).Items?.map((item) => item.sk!.S);
    expect(await from('c')).toEqual(['c', 'd']);
    expect(await from('b')).toEqual(['b', 'c', 'd']);
    expect(await from('d')).toEqual(['d']);
  });

  it('keeps BETWEEN’s bound check, which reads the values themselves', async () => {
    const between = (low: string, high: string) =>
      client.send(
        new QueryCommand({
          TableName: TABLE,
          KeyConditionExpression: 'pk = :p AND sk BETWEEN :low AND :high',
          ExpressionAttributeValues: { ':p': S('expr-3'), ':low': S(low), ':high': S(high) },
        }),
      );
    expect((await between('b', 'c')).Items?.map((item) => item.sk!.S)).toEqual(['b', 'c']);
    await expect(between('c', 'b')).rejects.toMatchObject({ name: 'ValidationException' });
  });
});

describe('Query and Scan read without streams', () => {
  beforeAll(async () => {
    for (let i = 0; i < 7; i++) {
      await client.send(
        new PutItemCommand({
          TableName: TABLE,
          Item: { pk: S('page'), sk: S(`s${i}`), n: N(i), gsi1pk: S('page-owner'), gsi1sk: S(`t${6 - i}`) },
        }),
      );
    }
  });

  it('pages by Limit in key order, forwards and backwards, with a LastEvaluatedKey while the limit is reached', async () => {
    const forward = await pages(query({ KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': S('page') }, Limit: 3 }));
    expect(forward).toEqual([
      { sks: ['s0', 's1', 's2'], more: true },
      { sks: ['s3', 's4', 's5'], more: true },
      { sks: ['s6'], more: false },
    ]);
    const backward = await pages(
      query({ KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': S('page') }, Limit: 4, ScanIndexForward: false }),
    );
    expect(backward).toEqual([
      { sks: ['s6', 's5', 's4', 's3'], more: true },
      { sks: ['s2', 's1', 's0'], more: false },
    ]);
  });

  it('counts the items a filter drops as scanned, and pages a GSI by its own sort key', async () => {
    const filtered = await client.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :p',
        FilterExpression: 'n >= :min',
        ExpressionAttributeValues: { ':p': S('page'), ':min': N(2) },
        Limit: 4,
      }),
    );
    expect({ scanned: filtered.ScannedCount, count: filtered.Count, sks: filtered.Items?.map((item) => item.sk!.S) }).toEqual({
      scanned: 4,
      count: 2,
      sks: ['s2', 's3'],
    });
    const byIndex = await pages(
      query({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :o', ExpressionAttributeValues: { ':o': S('page-owner') }, Limit: 5 }),
    );
    expect(byIndex).toEqual([
      { sks: ['s6', 's5', 's4', 's3', 's2'], more: true },
      { sks: ['s1', 's0'], more: false },
    ]);
  });

  it('ends a page at 1 MB and the next page goes on from there', async () => {
    const form = 'x'.repeat(200 * 1024);
    for (let i = 0; i < 8; i++)
      await client.send(new PutItemCommand({ TableName: TABLE, Item: { pk: S('big'), sk: S(`b${i}`), form: S(form) } }));
    const read = await pages(
      query({ KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': S('big') }, ProjectionExpression: 'sk' }),
    );
    // 8 items of 200 KB: the first page stops once 1 MB is read (after the 6th item)
    expect(read).toEqual([
      { sks: ['b0', 'b1', 'b2', 'b3', 'b4', 'b5'], more: true },
      { sks: ['b6', 'b7'], more: false },
    ]);
  });

  it('scans every item once across Limit pages', async () => {
    const keys: string[] = [];
    const pageSizes: number[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: TABLE, ExclusiveStartKey: start, Limit: 4 }));
      keys.push(...(page.Items ?? []).map((item) => `${item.pk!.S}|${item.sk!.S}`));
      pageSizes.push(page.Items?.length ?? 0);
      start = page.LastEvaluatedKey;
    } while (start);
    const all = await client.send(new ScanCommand({ TableName: TABLE }));
    expect(all.LastEvaluatedKey).toBeDefined(); // the 200 KB items make the unlimited scan stop at 1 MB too
    expect(pageSizes.slice(0, -1).every((size) => size === 4)).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(expect.arrayContaining(['page|s0', 'page|s6', 'big|b0', 'big|b7', 'expr-1|APP', 'expr-3|d']));
  });
});

describe('a table description kept in memory', () => {
  it('follows DeleteTable and a CreateTable of the same name with other keys and indexes', async () => {
    const name = 'fast-paths-recreated';
    await createTable(tableInput(name, ['pk'], ['byOwner']));
    await client.send(new PutItemCommand({ TableName: name, Item: { pk: S('one'), byOwnerpk: S('o'), byOwnersk: S('1') } }));
    const byOwner = () =>
      client.send(
        new QueryCommand({
          TableName: name,
          IndexName: 'byOwner',
          KeyConditionExpression: 'byOwnerpk = :o',
          ExpressionAttributeValues: { ':o': S('o') },
        }),
      );
    expect((await byOwner()).Count).toBe(1);

    await deleteTable(name);
    await expect(client.send(new GetItemCommand({ TableName: name, Key: { pk: S('one') } }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );

    await createTable(tableInput(name, ['pk', 'sk'], []));
    await expect(client.send(new PutItemCommand({ TableName: name, Item: { pk: S('one') } }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'One or more parameter values were invalid: Missing the key sk in the item',
    });
    await expect(byOwner()).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'The table does not have the specified index: byOwner',
    });
    await client.send(new PutItemCommand({ TableName: name, Item: { pk: S('one'), sk: S('two') } }));
    expect(await client.send(new GetItemCommand({ TableName: name, Key: { pk: S('one'), sk: S('two') } }))).toMatchObject({
      Item: { pk: S('one'), sk: S('two') },
    });
  });
});

describe('item reads without the thread pool', () => {
  /** The patched dynalite's LevelDB (its callback wrapper around classic-level). */
  interface WrappedLevel {
    get(key: string, callback: (err: (Error & { code?: string }) | null, value?: unknown) => void): void;
    getSync(key: string): unknown;
  }
  const level = () => (store.store as { db: WrappedLevel }).db;
  /** classic-level's own put (the wrapper's takes no options): raw text, as if written by another program. */
  const putText = (key: string, text: string): Promise<void> =>
    (Object.getPrototypeOf(level()) as { put: (k: string, v: string, o: object) => Promise<void> }).put.call(level(), key, text, {
      valueEncoding: 'utf8',
    });
  /** The wrapper's get, called directly: the value or error, and whether the callback came synchronously. */
  function read(key: string): Promise<{ err: (Error & { code?: string }) | null; value: unknown; synchronous: boolean }> {
    return new Promise((resolve) => {
      let returned = false;
      level().get(key, (err, value) => resolve({ err, value, synchronous: !returned }));
      returned = true;
    });
  }

  it('GetItem, a conditional PutItem and UpdateItem read the item with getSync and answer as before', async () => {
    const getSync = jest.spyOn(level(), 'getSync');
    try {
      await client.send(new PutItemCommand({ TableName: TABLE, Item: { pk: S('sync'), sk: S('1'), n: N(1) } }));
      expect(await get('sync', '1')).toEqual({ pk: S('sync'), sk: S('1'), n: N(1) });
      expect(await get('sync', 'missing')).toBeUndefined();
      await expect(
        client.send(
          new PutItemCommand({ TableName: TABLE, Item: { pk: S('sync'), sk: S('1') }, ConditionExpression: 'attribute_not_exists(pk)' }),
        ),
      ).rejects.toBeInstanceOf(ConditionalCheckFailedException);
      await client.send(
        new UpdateItemCommand({
          TableName: TABLE,
          Key: { pk: S('sync'), sk: S('1') },
          UpdateExpression: 'SET n = n + :one',
          ExpressionAttributeValues: { ':one': N(1) },
        }),
      );
      expect(await get('sync', '1')).toEqual({ pk: S('sync'), sk: S('1'), n: N(2) });
      expect(getSync.mock.calls.filter(([key]) => key.startsWith(`item-${TABLE}~`)).length).toBeGreaterThanOrEqual(5);
    } finally {
      getSync.mockRestore();
    }
  });

  it('hands the value, or nothing, to the callback on a later turn', async () => {
    const key = `item-${TABLE}~raw-json`;
    await putText(key, '{"a":{"S":"b"}}');
    expect(await read(key)).toEqual({ err: null, value: { a: { S: 'b' } }, synchronous: false });
    expect(await read(`item-${TABLE}~raw-missing`)).toEqual({ err: null, value: undefined, synchronous: false });
  });

  it('hands a value that does not decode to the callback as LEVEL_DECODE_ERROR, as the asynchronous get did', async () => {
    const key = `item-${TABLE}~raw-broken`;
    await putText(key, 'not json');
    const { err, synchronous } = await read(key);
    expect(err?.code).toBe('LEVEL_DECODE_ERROR');
    expect(synchronous).toBe(false);
  });
});
