/**
 * Who looked at what, when: every inspector read is itself logged (issue 8).
 *
 * Where: an item of the audit table under its own partition per CST day
 * (`pk=ACCESS#<yyyy-mm-dd>`, `sk=<at>#<random>`), never in an application's chain. Putting
 * reads into the application's chain would make a read change what the application's log
 * (and its hash chain, its anchors, its report figures) says, and an inspector call must not
 * change any application's state. The audit table is already the append-only store (no
 * UpdateItem/DeleteItem for any function, denied by its resource policy); on AWS the reading
 * functions may PutItem only keys starting `ACCESS#` (IAM `dynamodb:LeadingKeys`). Items carry
 * no `gsi1` attributes, so they never appear among the timing-log events.
 */
import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand, type DocumentStore } from '../aws/document-store';
import type { Clock } from '../clock';
import { cstDateOf } from './period';

export interface AccessRecord {
  at: string;
  who: { role: string; sub: string };
  /** The route name, e.g. `get-application`. */
  route: string;
  /** The path parameters and query of the read (ids and filters; no personal data). */
  what: Record<string, string>;
}

export const ACCESS_PREFIX = 'ACCESS#';

export interface AccessLog {
  record(entry: Omit<AccessRecord, 'at'>): Promise<void>;
  /** The reads logged on one CST day, oldest first. */
  onDay(date: string): Promise<AccessRecord[]>;
}

export function createAccessLog(deps: { ddb: DocumentStore; clock: Clock; tableName: string }): AccessLog {
  return {
    async record(entry) {
      const at = deps.clock.now().toISOString();
      await deps.ddb.send(
        new PutCommand({
          TableName: deps.tableName,
          Item: { pk: `${ACCESS_PREFIX}${cstDateOf(at)}`, sk: `${at}#${randomUUID()}`, at, ...entry },
          ConditionExpression: 'attribute_not_exists(sk)',
        }),
      );
    },
    async onDay(date) {
      const out: AccessRecord[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await deps.ddb.send(
          new QueryCommand({
            TableName: deps.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `${ACCESS_PREFIX}${date}` },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of (page.Items ?? []) as Array<AccessRecord & Record<string, unknown>>)
          out.push({ at: item.at, who: item.who, route: item.route, what: item.what });
        start = page.LastEvaluatedKey;
      } while (start);
      return out;
    },
  };
}
