import crypto from 'node:crypto';

/**
 * Start-up repair of the embedded DynamoDB store's secondary indexes.
 *
 * dynalite (as patched in patches/dynalite+*.patch) writes an item and its index entries in one
 * LevelDB batch. Data folders written before that patch may hold index entries a crash left
 * behind: an entry whose item is gone or has other index keys (a "ghost": the applicant's list
 * shows an application twice, an inbox points at a task that is not there), or an item whose
 * entry is missing or holds older attribute values. This pass, run before the store serves
 * requests, makes every index agree with its table again. It is idempotent and writes in
 * atomic batches, so a crash during the repair is repaired at the next start.
 */

// dynalite has no type declarations; these are the parts of its `db` module used here.
interface TableDescription {
  TableName: string;
  LocalSecondaryIndexes?: IndexDescription[];
  GlobalSecondaryIndexes?: IndexDescription[];
}
interface IndexDescription {
  IndexName: string;
}
type Item = Record<string, unknown>;
interface LevelDb {
  iterator(options: { gte: string; lt: string }): AsyncIterable<[string, unknown]>;
  get(key: string): Promise<unknown>;
  batch(ops: Array<{ type: 'put'; key: string; value: unknown } | { type: 'del'; key: string }>): Promise<void>;
  close(callback: (error?: Error) => void): void;
}
interface DynaliteDb {
  create(options: { path: string }): { db: LevelDb };
  createKey(item: Item, table: TableDescription): string;
  getIndexActions(
    indexes: IndexDescription[],
    existingItem: Item | null,
    item: Item,
    table: TableDescription,
  ): { puts: Array<{ index: string; key: string; item: Item }> };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynaliteDb: DynaliteDb = require('dynalite/db');

export interface IndexRepair {
  /** Index entries deleted: item missing or index keys changed. */
  removed: number;
  /** Index entries written: missing, or holding other values than the item. */
  rewritten: number;
}

const BATCH_SIZE = 500;
const INDEX_TYPES = ['Local', 'Global'] as const;
// dynalite's key layout: `<sub db name>~<key>`, sub dbs `table`, `item-<table>`, `index-<type>~<table>~<index>`.
const itemPrefix = (table: string) => `item-${table}~`;
const indexPrefix = (type: (typeof INDEX_TYPES)[number], table: string, index: string) => `index-${type.toLowerCase()}~${table}~${index}~`;
const fingerprint = (value: unknown) => crypto.createHash('sha1').update(JSON.stringify(value)).digest('base64');

/** Repairs every index of every table in the dynalite data folder `dir` (the store must not be open). */
export async function repairIndexes(dir: string): Promise<IndexRepair> {
  const { db } = dynaliteDb.create({ path: dir });
  const result: IndexRepair = { removed: 0, rewritten: 0 };
  try {
    for (const table of await readTables(db)) {
      const repaired = await repairTable(db, table);
      result.removed += repaired.removed;
      result.rewritten += repaired.rewritten;
    }
  } finally {
    await new Promise<void>((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
  }
  return result;
}

async function readTables(db: LevelDb): Promise<TableDescription[]> {
  const tables: TableDescription[] = [];
  for await (const [, table] of range(db, 'table~')) tables.push(table as TableDescription);
  return tables;
}

/** `for await` over a key prefix; the iterator is closed when the loop ends or throws. */
const range = (db: LevelDb, prefix: string) => db.iterator({ gte: prefix, lt: `${prefix}\xff` });

async function repairTable(db: LevelDb, table: TableDescription): Promise<IndexRepair> {
  const indexed = INDEX_TYPES.filter((type) => (table[`${type}SecondaryIndexes`] ?? []).length > 0);
  if (indexed.length === 0) return { removed: 0, rewritten: 0 };

  // What each index should hold, derived from the items: full key -> item key + value fingerprint.
  // Fingerprints, not values, so that memory stays small on a large data folder.
  const expected = new Map<string, { itemKey: string; fingerprint: string }>();
  for await (const [key, item] of range(db, itemPrefix(table.TableName))) {
    for (const type of indexed) {
      for (const put of dynaliteDb.getIndexActions(table[`${type}SecondaryIndexes`]!, null, item as Item, table).puts) {
        expected.set(indexPrefix(type, table.TableName, put.index) + put.key, { itemKey: key, fingerprint: fingerprint(put.item) });
      }
    }
  }

  const writer = batchWriter(db);
  let removed = 0;
  const current = new Set<string>();
  for (const type of indexed) {
    for (const index of table[`${type}SecondaryIndexes`]!) {
      for await (const [key, value] of range(db, indexPrefix(type, table.TableName, index.IndexName))) {
        const wanted = expected.get(key);
        if (!wanted) {
          removed++;
          await writer.add({ type: 'del', key });
        } else if (wanted.fingerprint === fingerprint(value)) {
          current.add(key);
        }
      }
    }
  }

  // Missing or outdated entries: rewritten from their item, exactly as dynalite would write them.
  let rewritten = 0;
  for (const [key, wanted] of expected) {
    if (current.has(key)) continue;
    const item = (await db.get(wanted.itemKey)) as Item;
    for (const type of indexed) {
      for (const put of dynaliteDb.getIndexActions(table[`${type}SecondaryIndexes`]!, null, item, table).puts) {
        const fullKey = indexPrefix(type, table.TableName, put.index) + put.key;
        if (fullKey !== key) continue;
        rewritten++;
        await writer.add({ type: 'put', key, value: put.item });
      }
    }
  }
  await writer.flush();
  return { removed, rewritten };
}

type BatchOp = { type: 'put'; key: string; value: unknown } | { type: 'del'; key: string };

function batchWriter(db: LevelDb) {
  let ops: BatchOp[] = [];
  const flush = async () => {
    if (ops.length > 0) await db.batch(ops);
    ops = [];
  };
  return {
    add: async (op: BatchOp) => {
      ops.push(op);
      if (ops.length >= BATCH_SIZE) await flush();
    },
    flush,
  };
}
