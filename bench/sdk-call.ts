/**
 * Issue 9: the AWS SDK client's own CPU per DynamoDB call, for profiling. Sends `BENCH_OPS`
 * (default 20000) GetItem, conditional PutItem and Query calls, 16 in flight, through the
 * platform's document layer as `createAwsClients` builds it (`BENCH_SDK_DEFAULTS=1`: lib-dynamodb's
 * document client on the SDK's defaults, as before issue 9), answered by a fixed body without any store,
 * so that every sample of the profile is the client's own work:
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/sdk-call.ts
 *   npx tsx bench/profile-summary.ts --sdk /tmp/prof/<file>.cpuprofile
 */
import os from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as LibDynamoDb from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, QueryCommand } from '../shared/aws/document-store';
import type { GetCommandInput, PutCommandInput, QueryCommandInput } from '../shared/aws/document-store';
import { createAwsClients } from '../shared/aws/clients';
import { loadConfig } from '../shared/config';
import { cannedDynamoDbHandler } from './lib/canned-dynamodb';

const OPS = Number(process.env.BENCH_OPS ?? 20000);
const defaults = process.env.BENCH_SDK_DEFAULTS === '1';

interface DocumentCalls {
  get(input: GetCommandInput): Promise<unknown>;
  put(input: PutCommandInput): Promise<unknown>;
  query(input: QueryCommandInput): Promise<unknown>;
  destroy(): void;
}

function client(): DocumentCalls {
  if (!defaults) {
    const ddb = createAwsClients(loadConfig({ ONETHING_LOCAL: '1' }), { dynamodb: cannedDynamoDbHandler() }).ddb;
    return {
      get: (input) => ddb.send(new GetCommand(input)),
      put: (input) => ddb.send(new PutCommand(input)),
      query: (input) => ddb.send(new QueryCommand(input)),
      destroy: () => ddb.destroy(),
    };
  }
  const raw = new DynamoDBClient({
    endpoint: 'http://127.0.0.1:8000',
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: cannedDynamoDbHandler(),
  });
  const doc = LibDynamoDb.DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  return {
    get: (input) => doc.send(new LibDynamoDb.GetCommand(input)),
    put: (input) => doc.send(new LibDynamoDb.PutCommand(input)),
    query: (input) => doc.send(new LibDynamoDb.QueryCommand(input)),
    destroy: () => doc.destroy(),
  };
}

async function main(): Promise<void> {
  const ddb = client();
  const calls = [
    (i: number) => ddb.get({ TableName: 'bench', Key: { pk: `seed${i % 50}`, sk: 'APP' } }),
    (i: number) => ddb.put({ TableName: 'bench', Item: { pk: `p${i}`, sk: 'APP', n: i }, ConditionExpression: 'attribute_not_exists(pk)' }),
    () =>
      ddb.query({
        TableName: 'bench',
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :o',
        ExpressionAttributeValues: { ':o': 'seedowner' },
      }),
  ];
  const run = async (n: number) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < n) {
          const i = next++;
          await calls[i % calls.length]!(i);
        }
      }),
    );
  };
  await run(1000); // warm-up: module loading and JIT out of the figure
  const cpu0 = process.cpuUsage();
  await run(OPS);
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `${defaults ? 'lib-dynamodb, SDK defaults' : 'createAwsClients (document layer)'}: ${((cpu.user + cpu.system) / OPS).toFixed(0)} µs CPU per call (Get, Put, Query in turn), ${OPS} calls, load average ${os.loadavg()[0]!.toFixed(1)}`,
  );
  ddb.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
