/**
 * Issue 9: the AWS SDK client's own CPU per DynamoDB call, for profiling. Sends `BENCH_OPS`
 * (default 20000) GetItem, conditional PutItem and Query calls, 16 in flight, through the
 * platform's document layer as `createAwsClients` builds it (`BENCH_SDK_DEFAULTS=1`: lib-dynamodb's
 * document client on the SDK's defaults, as before issue 9), answered by a fixed body without any store,
 * so that every sample of the profile is the client's own work:
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/sdk-call.ts
 *   npx tsx bench/profile-summary.ts --sdk /tmp/prof/<file>.cpuprofile
 * `BENCH_SDK_AB=fast-config`: side by side in one process (10 interleaved rounds), the document
 * layer as createAwsClients builds it and the same client with its config left as the SDK
 * builds it (hash-table properties: shared/aws/fast-config.ts).
 */
import os from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as LibDynamoDb from '@aws-sdk/lib-dynamodb';
import { DocumentStore, GetCommand, PutCommand, QueryCommand } from '../shared/aws/document-store';
import type { GetCommandInput, PutCommandInput, QueryCommandInput } from '../shared/aws/document-store';
import { createAwsClients } from '../shared/aws/clients';
import { inProcessClientOptions, withoutUserAgent } from '../shared/aws/local-client-options';
import { loadConfig } from '../shared/config';
import { cannedDynamoDbHandler } from './lib/canned-dynamodb';

const OPS = Number(process.env.BENCH_OPS ?? 20000);
const defaults = process.env.BENCH_SDK_DEFAULTS === '1';
const abFastConfig = process.env.BENCH_SDK_AB === 'fast-config';

interface DocumentCalls {
  get(input: GetCommandInput): Promise<unknown>;
  put(input: PutCommandInput): Promise<unknown>;
  query(input: QueryCommandInput): Promise<unknown>;
  destroy(): void;
}

/** The document layer over a client built as createAwsClients builds the in-process one, without withFastProperties. */
function withConfigAsBuilt(): DocumentCalls {
  const endpoint = 'http://127.0.0.1:8000';
  const raw = withoutUserAgent(
    new DynamoDBClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      requestHandler: cannedDynamoDbHandler(),
      ...inProcessClientOptions(endpoint),
      cacheMiddleware: true,
    }),
  );
  return viaLayer(new DocumentStore(raw));
}

function viaLayer(ddb: DocumentStore): DocumentCalls {
  return {
    get: (input) => ddb.send(new GetCommand(input)),
    put: (input) => ddb.send(new PutCommand(input)),
    query: (input) => ddb.send(new QueryCommand(input)),
    destroy: () => ddb.destroy(),
  };
}

function client(): DocumentCalls {
  if (!defaults) {
    return viaLayer(createAwsClients(loadConfig({ ONETHING_LOCAL: '1' }), { dynamodb: cannedDynamoDbHandler() }).ddb);
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
  if (abFastConfig) return sideBySide({ 'createAwsClients (fast config)': client(), 'config as the SDK builds it': withConfigAsBuilt() });
  const ddb = client();
  const run = runner(ddb);
  await run(1000); // warm-up: module loading and JIT out of the figure
  const cpu0 = process.cpuUsage();
  await run(OPS);
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `${defaults ? 'lib-dynamodb, SDK defaults' : 'createAwsClients (document layer)'}: ${((cpu.user + cpu.system) / OPS).toFixed(0)} µs CPU per call (Get, Put, Query in turn), ${OPS} calls, load average ${os.loadavg()[0]!.toFixed(1)}`,
  );
  ddb.destroy();
}

/** Rounds alternate between the variants (order reversed every other round); total CPU per call each. */
async function sideBySide(variants: Record<string, DocumentCalls>): Promise<void> {
  const entries = Object.entries(variants).map(([name, ddb]) => ({ name, ddb, run: runner(ddb), cpuUs: 0 }));
  for (const entry of entries) await entry.run(1000);
  const rounds = 10;
  const perRound = Math.ceil(OPS / rounds);
  for (let round = 0; round < rounds; round++) {
    for (const entry of round % 2 === 0 ? entries : [...entries].reverse()) {
      const cpu0 = process.cpuUsage();
      await entry.run(perRound);
      const cpu = process.cpuUsage(cpu0);
      entry.cpuUs += cpu.user + cpu.system;
    }
  }
  for (const { name, cpuUs } of entries)
    console.log(`${name}: ${(cpuUs / (perRound * rounds)).toFixed(1)} µs CPU per call (Get, Put, Query in turn)`);
  console.log(`${perRound * rounds} calls each, ${rounds} interleaved rounds, load average ${os.loadavg()[0]!.toFixed(1)}`);
  for (const { ddb } of entries) ddb.destroy();
}

/** Sends `n` calls (Get, Put, Query in turn), 16 in flight. */
function runner(ddb: DocumentCalls): (n: number) => Promise<void> {
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
  return async (n: number) => {
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
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
