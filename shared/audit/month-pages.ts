/**
 * One page of stored anomalies (the index and the tamper findings, docs/DESIGN.md "Inspectors:
 * anomaly index"): items keep the anomaly's JSON in `anomaly`, sorted by anomalyKey in one
 * partition per CST month, so a page reads the months in order after the cursor until it holds
 * `limit + 1` (the extra one tells there is a next page).
 */
import { QueryCommand, type DocumentStore, type QueryCommandOutput } from '../aws/document-store';
import type { Anomaly } from './anomalies';

export interface MonthPageQuery {
  /** The month partitions to read, in list order. */
  partitions: readonly string[];
  /** anomalyKey of the last item of the previous page. */
  after?: string;
  limit: number;
  /** The filter on each item (its `:pk` and `:after` values are added here). */
  filter: { expression: string; names: Record<string, string>; values: Record<string, unknown> };
  /** Items to leave out after reading, by their `app` attribute (the live tail's applications). */
  skipApps?: ReadonlySet<string>;
}

export async function readMonthPages(deps: { ddb: DocumentStore; tableName: string }, q: MonthPageQuery): Promise<Anomaly[]> {
  const out: Anomaly[] = [];
  for (const pk of q.partitions) {
    let start: Record<string, unknown> | undefined;
    do {
      const page: QueryCommandOutput = await deps.ddb.send(
        new QueryCommand({
          TableName: deps.tableName,
          KeyConditionExpression: q.after !== undefined ? 'pk = :pk AND sk > :after' : 'pk = :pk',
          FilterExpression: q.filter.expression,
          ExpressionAttributeNames: q.filter.names,
          ExpressionAttributeValues: { ...q.filter.values, ':pk': pk, ...(q.after !== undefined ? { ':after': q.after } : {}) },
          ProjectionExpression: 'anomaly, app',
          Limit: q.limit + 1,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        if (q.skipApps?.has(item.app as string)) continue;
        out.push(JSON.parse(item.anomaly as string) as Anomaly);
        if (out.length > q.limit) return out;
      }
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return out;
}
