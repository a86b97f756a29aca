/**
 * What the platform has stored, read straight from dynalite: the proof that a refused
 * request wrote nothing (no application, task or timing-log change).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DocumentStore, ScanCommand } from '../../../shared/aws/document-store';
import { LOCAL_NAMES } from '../../../local/runtime';
import type { TestRuntime } from './runtime';

export interface StoreReader {
  /** Every item of the main and audit tables, as one canonical string (equal strings = nothing changed). */
  snapshot(): Promise<string>;
  close(): void;
}

export function storeReader(t: TestRuntime): StoreReader {
  const raw = new DynamoDBClient({
    endpoint: t.runtime.urls.dynamodb,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const ddb = new DocumentStore(raw);
  const scan = async (table: string): Promise<string[]> => {
    const items: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await ddb.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }));
      for (const item of out.Items ?? []) items.push(JSON.stringify(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1))));
      start = out.LastEvaluatedKey;
    } while (start);
    return items.sort();
  };
  return {
    snapshot: async () => JSON.stringify([await scan(LOCAL_NAMES.main), await scan(LOCAL_NAMES.audit)]),
    close: () => raw.destroy(),
  };
}
