/**
 * Issue 9: the AWS SDK client's own CPU per DynamoDB call, for profiling. Sends `BENCH_OPS`
 * (default 20000) GetItem, conditional PutItem and Query calls, 16 in flight, through the
 * platform's document client as `createAwsClients` builds it (`BENCH_SDK_DEFAULTS=1`: the same
 * client on the SDK's defaults, as before issue 9), answered by a fixed body without any store,
 * so that every sample of the profile is the client's own work:
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/sdk-call.ts
 *   npx tsx bench/profile-summary.ts --sdk /tmp/prof/<file>.cpuprofile
 */
import os from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createAwsClients } from '../shared/aws/clients';
import { loadConfig } from '../shared/config';
import { cannedDynamoDbHandler } from './lib/canned-dynamodb';

const OPS = Number(process.env.BENCH_OPS ?? 20000);
const defaults = process.env.BENCH_SDK_DEFAULTS === '1';

function client(): DynamoDBDocumentClient {
  if (!defaults) return createAwsClients(loadConfig({ ONETHING_LOCAL: '1' }), { dynamodb: cannedDynamoDbHandler() }).ddb;
  const raw = new DynamoDBClient({
    endpoint: 'http://127.0.0.1:8000',
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: cannedDynamoDbHandler(),
  });
  return DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
}

async function main(): Promise<void> {
  const ddb = client();
  const calls = [
    (i: number) => ddb.send(new GetCommand({ TableName: 'bench', Key: { pk: `seed${i % 50}`, sk: 'APP' } })),
    (i: number) =>
      ddb.send(
        new PutCommand({ TableName: 'bench', Item: { pk: `p${i}`, sk: 'APP', n: i }, ConditionExpression: 'attribute_not_exists(pk)' }),
      ),
    () =>
      ddb.send(
        new QueryCommand({
          TableName: 'bench',
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :o',
          ExpressionAttributeValues: { ':o': 'seedowner' },
        }),
      ),
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
    `${defaults ? 'SDK defaults' : 'createAwsClients'}: ${((cpu.user + cpu.system) / OPS).toFixed(0)} µs CPU per call (Get, Put, Query in turn), ${OPS} calls, load average ${os.loadavg()[0]!.toFixed(1)}`,
  );
  ddb.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
