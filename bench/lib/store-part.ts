/**
 * One side of `npm run bench:store`: starts dynalite from DYNALITE_DIR (the patched package, or
 * the unpatched copy the bench prepares) on a fresh folder and measures PutItem, UpdateItem
 * (moving an index key), Query (table and index) and GetItem through the AWS SDK, one at a
 * time and 16 at a time. Prints one JSON line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { GetItemCommand, PutItemCommand, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { clientFor, createTestTable, TABLE } from '../../test/integration/store/store-fixture';

const N = Number(process.env.STORE_BENCH_OPS ?? 2000);

async function main(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dynalite: (o: object) => Server = require(process.env.DYNALITE_DIR as string);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onething-store-bench-'));
  const server = dynalite({ path: dir, createTableMs: 0 });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const client = clientFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  await createTestTable(client);

  const item = (i: number, t: string) => ({
    pk: { S: `APP#${i}` },
    sk: { S: 'APP' },
    gsi1pk: { S: `OWNER#${i % 50}` },
    gsi1sk: { S: `${t}#${i}` },
    gsi2pk: { S: 'DAY#1' },
    gsi2sk: { S: `${t}#${i}` },
    form: { S: 'x'.repeat(600) },
  });
  const ops: Record<string, (i: number) => Promise<unknown>> = {
    PutItem: (i) => client.send(new PutItemCommand({ TableName: TABLE, Item: item(i, 't1') })),
    UpdateItem: (i) =>
      client.send(
        new UpdateItemCommand({
          TableName: TABLE,
          Key: { pk: { S: `APP#${i}` }, sk: { S: 'APP' } },
          UpdateExpression: 'SET gsi1sk = :t',
          ExpressionAttributeValues: { ':t': { S: `t2#${i}#${Math.random()}` } },
        }),
      ),
    'Query (table)': (i) =>
      client.send(
        new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: `APP#${i}` } } }),
      ),
    'Query (gsi1, Limit 20)': (i) =>
      client.send(
        new QueryCommand({
          TableName: TABLE,
          IndexName: 'gsi1',
          Limit: 20,
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: `OWNER#${i % 50}` } },
        }),
      ),
    GetItem: (i) => client.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: `APP#${i}` }, sk: { S: 'APP' } } })),
  };
  const result: Record<string, number> = {};
  for (const concurrency of [1, 16]) {
    for (const [name, op] of Object.entries(ops)) {
      let next = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < N) await op(next++);
        }),
      );
      result[`${name} ×${concurrency}`] = Math.round(N / ((performance.now() - t0) / 1000));
    }
  }
  result['RSS MB after'] = Math.round(process.memoryUsage().rss / 1e6);
  client.destroy();
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

void main();
