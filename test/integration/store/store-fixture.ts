import fs from 'node:fs';
import path from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  QueryCommand,
  ScanCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { INDEXES_CHECKED_MARKER } from '../../../local/components/dynamodb';

/** A table shaped like the platform's (pk/sk, string GSIs with ALL projection). */
export const TABLE = 'store-test';
export const INDEXES = ['gsi1', 'gsi2'] as const;

/** An application-like item of owner `OWNER#a`: `gsi1` by owner and `gsi2` by day, both sorted by `<at>#<id>`. */
export function appItem(id: string, at: string, day = 'DAY#1'): Record<string, AttributeValue> {
  return {
    pk: { S: id },
    sk: { S: 'APP' },
    gsi1pk: { S: 'OWNER#a' },
    gsi1sk: { S: `${at}#${id}` },
    gsi2pk: { S: day },
    gsi2sk: { S: `${at}#${id}` },
  };
}

/** One attempt by default, so that a store error reaches the test as it is. */
export function clientFor(endpoint: string, maxAttempts = 1): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts,
  });
}

export async function createTestTable(client: DynamoDBClient): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: ['pk', 'sk', ...INDEXES.flatMap((i) => [`${i}pk`, `${i}sk`])].map((AttributeName) => ({
        AttributeName,
        AttributeType: 'S',
      })),
      GlobalSecondaryIndexes: INDEXES.map((name) => ({
        IndexName: name,
        KeySchema: [
          { AttributeName: `${name}pk`, KeyType: 'HASH' },
          { AttributeName: `${name}sk`, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
  // dynalite reports the table ACTIVE on its next turn, even with createTableMs 0.
  while ((await client.send(new DescribeTableCommand({ TableName: TABLE }))).Table?.TableStatus !== 'ACTIVE') {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

type Item = Record<string, AttributeValue>;
const s = (item: Item, name: string) => item[name]?.S;
const id = (item: Item) => `${s(item, 'pk')}|${s(item, 'sk')}`;

async function scanAll(client: DynamoDBClient, indexName?: string): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: TABLE, IndexName: indexName, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * Every way the table and its indexes can disagree: an index entry whose item is missing or
 * has other index keys (a ghost), an item missing from an index, an item listed twice.
 */
export async function indexDisagreements(client: DynamoDBClient): Promise<string[]> {
  const items = new Map((await scanAll(client)).map((item) => [id(item), item]));
  const problems: string[] = [];
  for (const index of INDEXES) {
    const entries = await scanAll(client, index);
    const seen = new Map<string, number>();
    for (const entry of entries) {
      seen.set(id(entry), (seen.get(id(entry)) ?? 0) + 1);
      const item = items.get(id(entry));
      if (!item) problems.push(`${index}: entry for missing item ${id(entry)}`);
      else if (s(item, `${index}pk`) !== s(entry, `${index}pk`) || s(item, `${index}sk`) !== s(entry, `${index}sk`))
        problems.push(`${index}: stale entry ${s(entry, `${index}sk`)} for ${id(entry)} (item has ${s(item, `${index}sk`)})`);
    }
    for (const [key, item] of items) {
      const expected = s(item, `${index}pk`) !== undefined && s(item, `${index}sk`) !== undefined ? 1 : 0;
      if ((seen.get(key) ?? 0) < expected) problems.push(`${index}: item ${key} missing from the index`);
      if ((seen.get(key) ?? 0) > 1) problems.push(`${index}: item ${key} listed ${seen.get(key)} times`);
    }
  }
  return problems;
}

/** The entries of one index partition, as a Query sees them. */
export async function queryIndex(client: DynamoDBClient, index: string, pk: string): Promise<Item[]> {
  const page = await client.send(
    new QueryCommand({
      TableName: TABLE,
      IndexName: index,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': `${index}pk` },
      ExpressionAttributeValues: { ':pk': { S: pk } },
    }),
  );
  return page.Items ?? [];
}

// dynalite's own key functions, to edit a closed data folder the way a crash would leave it.
interface DynaliteDb {
  create(options: { path: string }): {
    db: {
      get(key: string): Promise<any>;
      batch(ops: Array<{ type: 'put'; key: string; value: unknown } | { type: 'del'; key: string }>): Promise<void>;
      close(callback: (error?: Error) => void): void;
    };
  };
  createIndexKey(item: unknown, table: unknown, keySchema: unknown): string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynaliteDb: DynaliteDb = require('dynalite/db');

/**
 * Writes (`put`) or removes (`del`) one global-index entry for `item` in the closed dynalite data
 * folder `dir`, without touching the item: what a kill between an item's write and its index
 * writes left behind before the store batched them.
 */
export async function editIndexEntry(dir: string, tableName: string, indexName: string, type: 'put' | 'del', item: Item): Promise<void> {
  // Such a folder was written by the old dynalite, so the store has never checked it.
  fs.rmSync(path.join(dir, INDEXES_CHECKED_MARKER), { force: true });
  const { db } = dynaliteDb.create({ path: dir });
  try {
    const table = await db.get(`table~${tableName}`);
    const index = table.GlobalSecondaryIndexes.find((i: { IndexName: string }) => i.IndexName === indexName);
    const key = `index-global~${tableName}~${indexName}~${dynaliteDb.createIndexKey(item, table, index.KeySchema)}`;
    await db.batch([type === 'put' ? { type, key, value: item } : { type, key }]);
  } finally {
    await new Promise<void>((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
  }
}
