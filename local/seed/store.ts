/** Bulk writes and a full read of the local store, for the seed (straight into dynalite, not through HTTP). */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DocumentStore, ScanCommand } from '../../shared/aws/document-store';
import { chainItems } from './chain';
import type { SeededEvent } from './generate';

const BATCH = 25;

export function localDocumentClient(port: number): { raw: DynamoDBClient; ddb: DocumentStore } {
  const raw = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return { raw, ddb: new DocumentStore(raw) };
}

/**
 * Puts every item, 25 per BatchWriteItem, `concurrency` batches at a time; unprocessed items
 * are sent again. Puts are whole-item and keyed, so running the seed twice with the same
 * seed rewrites the same items (no duplicates).
 */
export async function putAll(
  ddb: DocumentStore,
  table: string,
  items: readonly object[],
  concurrency = 4,
  onBatch?: (n: number) => void,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      let pending = items.slice(next, next + BATCH).map((Item) => ({ PutRequest: { Item: Item as Record<string, unknown> } }));
      next += BATCH;
      while (pending.length) {
        const out = await ddb.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
        pending = (out.UnprocessedItems?.[table] ?? []) as typeof pending;
      }
      onBatch?.(BATCH);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Every item of a table (a full Scan, page by page). */
export async function scanAll<T>(ddb: DocumentStore, table: string): Promise<T[]> {
  const items: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
    items.push(...((page.Items ?? []) as T[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * Generated 12345 events into the store as the seed writes them: the event items into the
 * main table, their timing-log chains into the audit table (tests; `npm run seed:hotline`
 * writes the same items with progress lines).
 */
export async function putSeededEvents(
  ddb: DocumentStore,
  tables: { main: string; audit: string },
  events: readonly SeededEvent[],
): Promise<void> {
  await putAll(
    ddb,
    tables.main,
    events.map((e) => e.record),
  );
  await putAll(
    ddb,
    tables.audit,
    events.flatMap((e) => chainItems(e.record.id, e.timeline)),
  );
}
