/**
 * issue 9: the document layer (shared/aws/document-store.ts) in front of the plain DynamoDB
 * client. Each call goes through a real `DynamoDBClient` as `createAwsClients` builds it, whose
 * request handler records the JSON that would go on the wire and answers with a given body:
 * what is checked is the request DynamoDB would receive and the native values the caller gets.
 */
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createAwsClients } from '../../../../shared/aws/clients';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DocumentStore,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '../../../../shared/aws/document-store';
import { loadConfig } from '../../../../shared/config';
import { bodyText, headerOf, sdkRequestHandler } from '../../../../local/transport/sdk-handler';

interface Sent {
  operation: string;
  body: Record<string, unknown>;
}

/** A store whose client records each request and answers `answer(operation, nth)` (status 200 unless given). */
function recordingStore(answer: (operation: string, nth: number) => { status?: number; body: object }) {
  const sent: Sent[] = [];
  const handler = sdkRequestHandler(async (request) => {
    const operation = String(headerOf(request.headers, 'x-amz-target')).replace(/^DynamoDB_20120810\./, '');
    sent.push({ operation, body: JSON.parse(bodyText(request.body)) as Record<string, unknown> });
    const { status = 200, body } = answer(operation, sent.length);
    const bytes = Buffer.from(JSON.stringify(body));
    return {
      statusCode: status,
      headers: { 'content-type': 'application/x-amz-json-1.0', 'content-length': String(bytes.length), 'x-amzn-requestid': 'R1' },
      body: bytes,
    };
  });
  const { ddb } = createAwsClients(loadConfig({ ONETHING_LOCAL: '1' }), { dynamodb: handler });
  return { ddb, sent };
}

const item = { pk: 'APP#1', sk: 'APP', n: 3, tags: ['a', 'b'], form: { name: '张三', age: 6 }, ok: true };
const wireItem = {
  pk: { S: 'APP#1' },
  sk: { S: 'APP' },
  n: { N: '3' },
  tags: { L: [{ S: 'a' }, { S: 'b' }] },
  form: { M: { name: { S: '张三' }, age: { N: '6' } } },
  ok: { BOOL: true },
};

test('createAwsClients builds the document layer on one plain client that caches its middleware', () => {
  const { ddb } = createAwsClients(loadConfig({ ONETHING_LOCAL: '1' }));
  expect(ddb).toBeInstanceOf(DocumentStore);
  expect(ddb.client).toBeInstanceOf(DynamoDBClient);
  expect(ddb.client.config.cacheMiddleware).toBe(true);
});

test('Get: the key goes marshalled as GetItem, the item comes back in native values; no item, no Item', async () => {
  const { ddb, sent } = recordingStore((_operation, nth) => ({ body: nth === 1 ? { Item: wireItem } : {} }));
  const found = await ddb.send(new GetCommand({ TableName: 't', Key: { pk: 'APP#1', sk: 'APP' }, ConsistentRead: true }));
  expect(sent[0]).toEqual({
    operation: 'GetItem',
    body: { TableName: 't', Key: { pk: { S: 'APP#1' }, sk: { S: 'APP' } }, ConsistentRead: true },
  });
  expect(found.Item).toEqual(item);
  expect(found.$metadata.httpStatusCode).toBe(200);
  const missing = await ddb.send(new GetCommand({ TableName: 't', Key: { pk: 'APP#2', sk: 'APP' } }));
  expect(missing).not.toHaveProperty('Item');
});

test('Put: undefined attributes are left out (as the document client did), expression values marshalled', async () => {
  const { ddb, sent } = recordingStore(() => ({ body: {} }));
  await ddb.send(
    new PutCommand({
      TableName: 't',
      Item: { ...item, gone: undefined, nested: { kept: 1, gone: undefined } },
      ConditionExpression: 'attribute_not_exists(pk) OR v < :v',
      ExpressionAttributeValues: { ':v': 2 },
    }),
  );
  expect(sent[0]).toEqual({
    operation: 'PutItem',
    body: {
      TableName: 't',
      Item: { ...wireItem, nested: { M: { kept: { N: '1' } } } },
      ConditionExpression: 'attribute_not_exists(pk) OR v < :v',
      ExpressionAttributeValues: { ':v': { N: '2' } },
    },
  });
});

test("a failed condition is the SDK's own ConditionalCheckFailedException; its Item (ALL_OLD) in native values", async () => {
  const { ddb } = recordingStore(() => ({
    status: 400,
    body: {
      __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
      message: 'The conditional request failed',
      Item: wireItem,
    },
  }));
  const failed = ddb.send(
    new PutCommand({
      TableName: 't',
      Item: item,
      ConditionExpression: 'attribute_not_exists(pk)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    }),
  );
  await expect(failed).rejects.toBeInstanceOf(ConditionalCheckFailedException);
  await expect(failed).rejects.toMatchObject({ name: 'ConditionalCheckFailedException', $metadata: { httpStatusCode: 400 }, Item: item });
});

test('Update and Delete: the key and values go marshalled, Attributes come back native', async () => {
  const { ddb, sent } = recordingStore(() => ({ body: { Attributes: wireItem } }));
  const updated = await ddb.send(
    new UpdateCommand({
      TableName: 't',
      Key: { pk: 'APP#1', sk: 'APP' },
      UpdateExpression: 'SET n = :n',
      ExpressionAttributeValues: { ':n': 3 },
      ReturnValues: 'ALL_NEW',
    }),
  );
  const deleted = await ddb.send(new DeleteCommand({ TableName: 't', Key: { pk: 'APP#1', sk: 'APP' }, ReturnValues: 'ALL_OLD' }));
  expect(sent.map((s) => s.operation)).toEqual(['UpdateItem', 'DeleteItem']);
  expect(sent[0]!.body).toEqual({
    TableName: 't',
    Key: { pk: { S: 'APP#1' }, sk: { S: 'APP' } },
    UpdateExpression: 'SET n = :n',
    ExpressionAttributeValues: { ':n': { N: '3' } },
    ReturnValues: 'ALL_NEW',
  });
  expect(sent[1]!.body).toEqual({ TableName: 't', Key: { pk: { S: 'APP#1' }, sk: { S: 'APP' } }, ReturnValues: 'ALL_OLD' });
  expect(updated.Attributes).toEqual(item);
  expect(deleted.Attributes).toEqual(item);
});

test('Query and Scan: the start key and values go marshalled; Items, LastEvaluatedKey native; Count as is', async () => {
  const page = { Items: [wireItem], Count: 1, ScannedCount: 4, LastEvaluatedKey: { pk: { S: 'APP#1' }, sk: { S: 'APP' } } };
  const { ddb, sent } = recordingStore(() => ({ body: page }));
  const start = { pk: 'APP#0', sk: 'APP' };
  const queried = await ddb.send(
    new QueryCommand({
      TableName: 't',
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :o',
      ExpressionAttributeValues: { ':o': 'OWNER#x' },
      ExclusiveStartKey: start,
      Limit: 4,
    }),
  );
  const scanned = await ddb.send(new ScanCommand({ TableName: 't', ExclusiveStartKey: start }));
  expect(sent[0]).toEqual({
    operation: 'Query',
    body: {
      TableName: 't',
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :o',
      ExpressionAttributeValues: { ':o': { S: 'OWNER#x' } },
      ExclusiveStartKey: { pk: { S: 'APP#0' }, sk: { S: 'APP' } },
      Limit: 4,
    },
  });
  expect(sent[1]).toEqual({ operation: 'Scan', body: { TableName: 't', ExclusiveStartKey: { pk: { S: 'APP#0' }, sk: { S: 'APP' } } } });
  for (const out of [queried, scanned]) {
    expect(out).toMatchObject({ Items: [item], Count: 1, ScannedCount: 4, LastEvaluatedKey: { pk: 'APP#1', sk: 'APP' } });
  }
});

test('BatchGet and BatchWrite: keys and items marshalled per table; Responses, UnprocessedKeys, UnprocessedItems native', async () => {
  const key = { pk: { S: 'APP#1' }, sk: { S: 'APP' } };
  const { ddb, sent } = recordingStore((operation) => ({
    body:
      operation === 'BatchGetItem'
        ? { Responses: { t: [wireItem] }, UnprocessedKeys: { t: { Keys: [key], ConsistentRead: true } } }
        : { UnprocessedItems: { t: [{ PutRequest: { Item: wireItem } }, { DeleteRequest: { Key: key } }] } },
  }));
  const got = await ddb.send(new BatchGetCommand({ RequestItems: { t: { Keys: [{ pk: 'APP#1', sk: 'APP' }], ConsistentRead: true } } }));
  const written = await ddb.send(
    new BatchWriteCommand({
      RequestItems: { t: [{ PutRequest: { Item: item } }, { DeleteRequest: { Key: { pk: 'APP#1', sk: 'APP' } } }] },
    }),
  );
  expect(sent[0]).toEqual({ operation: 'BatchGetItem', body: { RequestItems: { t: { Keys: [key], ConsistentRead: true } } } });
  expect(sent[1]).toEqual({
    operation: 'BatchWriteItem',
    body: { RequestItems: { t: [{ PutRequest: { Item: wireItem } }, { DeleteRequest: { Key: key } }] } },
  });
  expect(got.Responses).toEqual({ t: [item] });
  expect(got.UnprocessedKeys).toEqual({ t: { Keys: [{ pk: 'APP#1', sk: 'APP' }], ConsistentRead: true } });
  expect(written.UnprocessedItems).toEqual({ t: [{ PutRequest: { Item: item } }, { DeleteRequest: { Key: { pk: 'APP#1', sk: 'APP' } } }] });
});

test('middleware given at construction sees every call; one added to the stack after the first send never runs', async () => {
  const seen: string[] = [];
  const late: string[] = [];
  const recorder = (into: string[]) => (next: (a: unknown) => Promise<unknown>, context: { commandName?: string }) => (args: unknown) => {
    into.push(String(context.commandName));
    return next(args);
  };
  const handler = sdkRequestHandler(async () => ({
    statusCode: 200,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'content-length': '2' },
    body: Buffer.from('{}'),
  }));
  const { ddb } = createAwsClients(
    loadConfig({ ONETHING_LOCAL: '1' }),
    { dynamodb: handler },
    { dynamodb: [{ applyToStack: (stack) => stack.add(recorder(seen) as never, { step: 'initialize', name: 'seen' }) }] },
  );
  const get = () => ddb.send(new GetCommand({ TableName: 't', Key: { pk: 'APP#1', sk: 'APP' } }));
  await get();
  ddb.client.middlewareStack.add(recorder(late) as never, { step: 'initialize', name: 'late' });
  await get();
  await ddb.send(new PutCommand({ TableName: 't', Item: item }));
  expect(seen).toEqual(['GetItemCommand', 'GetItemCommand', 'PutItemCommand']);
  // The GetItem handler was resolved (and cached) before `late` existed; PutItem's first send resolved it with `late`.
  expect(late).toEqual(['PutItemCommand']);
});
