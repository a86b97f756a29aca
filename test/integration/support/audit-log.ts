/**
 * Writes timing-log events straight into the audit table, keyed as the store keys them
 * (shared/audit/store.ts: chain `pk/sk`, by-day index `gsi1pk/gsi1sk`), for tests and the
 * benchmark that need more events than driving applications can produce. No hashes: these
 * logs feed the figures, not verify.
 */
import { BatchWriteCommand, type DocumentStore } from '../../../shared/aws/document-store';
import type { LoggedEvent } from '../../../shared/audit/facts';

const seqKey = (seq: number) => String(seq).padStart(10, '0');

export const storedEvent = (e: LoggedEvent) => ({
  ...e,
  pk: `APP#${e.applicationId}`,
  sk: seqKey(e.seq),
  gsi1pk: `DAY#${e.at.slice(0, 10)}`,
  gsi1sk: `${e.at}#${e.applicationId}#${seqKey(e.seq)}`,
});

/** BatchWrite in 25s, `parallel` batches in flight, unprocessed items retried. */
export async function writeEvents(ddb: DocumentStore, tableName: string, events: readonly LoggedEvent[], parallel = 4): Promise<void> {
  const batches: LoggedEvent[][] = [];
  for (let i = 0; i < events.length; i += 25) batches.push(events.slice(i, i + 25));
  let next = 0;
  const lane = async () => {
    while (next < batches.length) {
      let requests = batches[next++]!.map((e) => ({ PutRequest: { Item: storedEvent(e) } }));
      while (requests.length > 0) {
        const out = await ddb.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
        requests = (out.UnprocessedItems?.[tableName] ?? []) as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
}
