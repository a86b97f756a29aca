/** DynamoDB tasks run with the real SDK client against dynalite (the local DynamoDB API). */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Engine } from '../../../src';
import { history, openEngine, removeDir, run, tempDir } from '../../support/engine';

// dynalite ships no types; it returns an http.Server.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite') as (options: { createTableMs: number }) => Server;

let dir: string;
let engine: Engine;
let server: Server;
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

beforeAll(async () => {
  server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ddb = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials });
  await ddb.send(
    new CreateTableCommand({
      TableName: 'items',
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    }),
  );
  ddb.destroy();
  dir = tempDir();
  engine = await openEngine(dir, { dynamodb: { endpoint, credentials } });
});

afterAll(async () => {
  await engine.close();
  await new Promise((resolve) => server.close(resolve));
  removeDir(dir);
});

test('putItem, a conditional put that fails (caught as DynamoDB.ConditionalCheckFailedException), getItem', async () => {
  const put = (extra: Record<string, unknown> = {}) => ({
    Type: 'Task',
    Resource: 'arn:aws:states:::dynamodb:putItem',
    Parameters: { TableName: 'items', Item: { pk: { 'S.$': '$.id' }, n: { N: '1' } }, ...extra },
  });
  const def = {
    StartAt: 'Put',
    States: {
      Put: { ...put(), ResultPath: null, Next: 'PutAgain' },
      PutAgain: {
        ...put({ ConditionExpression: 'attribute_not_exists(pk)' }),
        Catch: [{ ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], ResultPath: '$.conflict', Next: 'Get' }],
        ResultPath: null,
        Next: 'Get',
      },
      Get: {
        Type: 'Task',
        Resource: 'arn:aws:states:::dynamodb:getItem',
        Parameters: { TableName: 'items', Key: { pk: { 'S.$': '$.id' } } },
        ResultSelector: { 'item.$': '$.Item' },
        ResultPath: '$.got',
        End: true,
      },
    },
  };
  const out = await run(engine, def, { id: 'a1' });
  expect(out.status).toBe('SUCCEEDED');
  const result = JSON.parse(out.output as string);
  expect(result.got).toEqual({ item: { pk: { S: 'a1' }, n: { N: '1' } } });
  expect(result.conflict.Error).toBe('DynamoDB.ConditionalCheckFailedException');
  expect(result.conflict.Cause).toMatch(/Error Code: ConditionalCheckFailedException/);
  const scheduled = (await history(engine, out.arn)).find((e) => e.type === 'TaskScheduled');
  expect(scheduled?.taskScheduledEventDetails).toMatchObject({ resourceType: 'dynamodb', resource: 'putItem', region: 'us-east-1' });
});

test('aws-sdk:dynamodb actions return the SDK response; errors are named DynamoDb.<Exception>', async () => {
  const def = {
    QueryLanguage: 'JSONata',
    StartAt: 'Update',
    States: {
      Update: {
        Type: 'Task',
        Resource: 'arn:aws:states:::aws-sdk:dynamodb:updateItem',
        Arguments: {
          TableName: 'items',
          Key: { pk: { S: 'b1' } },
          UpdateExpression: 'ADD n :one',
          ExpressionAttributeValues: { ':one': { N: '1' } },
          ReturnValues: 'ALL_NEW',
        },
        Output: '{% $states.result.Attributes.n.N %}',
        Next: 'Missing',
      },
      Missing: {
        Type: 'Task',
        Resource: 'arn:aws:states:::aws-sdk:dynamodb:getItem',
        Arguments: { TableName: 'nope', Key: { pk: { S: 'x' } } },
        Catch: [
          { ErrorEquals: ['States.ALL'], Output: { count: '{% $states.input %}', error: '{% $states.errorOutput.Error %}' }, Next: 'Done' },
        ],
        Next: 'Done',
      },
      Done: { Type: 'Succeed' },
    },
  };
  const out = await run(engine, def, {});
  expect(JSON.parse(out.output as string)).toEqual({ count: '1', error: 'DynamoDb.ResourceNotFoundException' });
});
