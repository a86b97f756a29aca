/**
 * The benchmark's watch of the runtime's writes (bench/lib/progress-watch.ts): it must tell
 * task puts and final status writes, only once they succeeded, and nothing else.
 */
import { DynamoDBClient, PutItemCommand, UpdateItemCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { watchApplications, type WatchEvent } from '../../../bench/lib/progress-watch';

/** A real client whose every call gets the answer (`status`, `body`), with the watch installed. */
function client(status: number, body: string, watch = true) {
  const events: WatchEvent[] = [];
  const bytes = Buffer.from(body);
  const ddb = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    maxAttempts: 1,
    requestHandler: {
      handle: async () => ({
        response: {
          statusCode: status,
          headers: { 'content-type': 'application/x-amz-json-1.0', 'content-length': String(bytes.length) },
          body: bytes,
        },
      }),
    } as never,
  });
  if (watch) for (const p of watchApplications((e) => events.push(e)).dynamodb ?? []) ddb.middlewareStack.use(p);
  return { ddb, events };
}

test('tells each task put and the final status update, with the application id', async () => {
  const { ddb, events } = client(200, '{}');
  await ddb.send(new PutItemCommand({ TableName: 't', Item: { pk: { S: 'APP#A1' }, sk: { S: 'TASK#edu' } } }));
  await ddb.send(new PutItemCommand({ TableName: 't', Item: { pk: { S: 'APP#A1' }, sk: { S: 'APP' } } }));
  await ddb.send(
    new UpdateItemCommand({
      TableName: 't',
      Key: { pk: { S: 'APP#A1' }, sk: { S: 'APP' } },
      UpdateExpression: 'SET #s = :s',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': { S: 'approved' } },
    }),
  );
  // Not final, not the application item, not a write.
  await ddb.send(
    new UpdateItemCommand({
      TableName: 't',
      Key: { pk: { S: 'APP#A2' }, sk: { S: 'APP' } },
      UpdateExpression: 'SET form = :s',
      ExpressionAttributeValues: { ':s': { S: 'submitted' } },
    }),
  );
  await ddb.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'APP#A1' }, sk: { S: 'TASK#edu' } } }));
  expect(events).toEqual([
    { event: 'task', id: 'A1', task: 'TASK#edu' },
    { event: 'ended', id: 'A1' },
  ]);
});

test('reads the plain values of a DocumentClient input too (an older checkout gets the watch on its lib-dynamodb client)', async () => {
  const events: WatchEvent[] = [];
  const doc = DynamoDBDocumentClient.from(client(200, '{}', false).ddb);
  for (const p of watchApplications((e) => events.push(e)).dynamodb ?? []) doc.middlewareStack.use(p);
  await doc.send(new PutCommand({ TableName: 't', Item: { pk: 'APP#A3', sk: 'TASK#police' } }));
  for (const status of ['rejected', 'submitted'])
    await doc.send(
      new UpdateCommand({
        TableName: 't',
        Key: { pk: 'APP#A3', sk: 'APP' },
        UpdateExpression: 'SET #s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': status },
      }),
    );
  expect(events).toEqual([
    { event: 'task', id: 'A3', task: 'TASK#police' },
    { event: 'ended', id: 'A3' },
  ]);
});

test('a failed write (a conditional check) tells nothing', async () => {
  const { ddb, events } = client(
    400,
    JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException', message: 'no' }),
  );
  await expect(
    ddb.send(new PutItemCommand({ TableName: 't', Item: { pk: { S: 'APP#A1' }, sk: { S: 'TASK#edu' } } })),
  ).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
  expect(events).toEqual([]);
});
