/** The event item (records.ts): conditional single-item writes only, as for applications. */
import { isConditionalCheckFailed } from '../applications/errors';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DocumentStore } from '../aws/document-store';
import { EVENT_START_PK } from './pending';
import { eventKeys, type EventRecord } from './records';

export function createEventRepo(ddb: DocumentStore, tableName: string) {
  return {
    async get(id: string): Promise<EventRecord | undefined> {
      const out = await ddb.send(new GetCommand({ TableName: tableName, Key: eventKeys.item(id), ConsistentRead: true }));
      return out.Item as EventRecord | undefined;
    },
    /** Stores a new event; ConditionalCheckFailed when the id exists (the idempotency record). */
    async create(record: EventRecord): Promise<void> {
      await ddb.send(new PutCommand({ TableName: tableName, Item: record, ConditionExpression: 'attribute_not_exists(pk)' }));
    },
    /**
     * Sets `fields` when `condition` (over `#f_<name>` / `:c_<name>` of `expected`) holds;
     * ConditionalCheckFailed otherwise.
     */
    async update(id: string, fields: Record<string, unknown>, expected: Record<string, unknown> = {}): Promise<void> {
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = {};
      const sets = Object.entries(fields).map(([k, v]) => {
        names[`#s_${k}`] = k;
        values[`:s_${k}`] = v;
        return `#s_${k} = :s_${k}`;
      });
      const conditions = ['attribute_exists(pk)'].concat(
        Object.entries(expected).map(([k, v]) => {
          names[`#c_${k}`] = k;
          values[`:c_${k}`] = v;
          return `#c_${k} = :c_${k}`;
        }),
      );
      await ddb.send(
        new UpdateCommand({
          TableName: tableName,
          Key: eventKeys.item(id),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    },
    /** Removes the not-started mark; a mark already gone is fine (a retry or reconcile removed it). */
    async unmarkStart(id: string): Promise<void> {
      try {
        await ddb.send(
          new UpdateCommand({
            TableName: tableName,
            Key: eventKeys.item(id),
            UpdateExpression: 'REMOVE gsi4pk, gsi4sk',
            ConditionExpression: 'gsi4pk = :pk',
            ExpressionAttributeValues: { ':pk': EVENT_START_PK },
          }),
        );
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
    },
    /** Events marked not started before `before`, oldest first, one page (reconcile's read). */
    async unstarted(before: string, limit: number, start?: Record<string, unknown>) {
      const out = await ddb.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi4',
          KeyConditionExpression: 'gsi4pk = :pk AND gsi4sk < :before',
          ExpressionAttributeValues: { ':pk': EVENT_START_PK, ':before': before },
          Limit: limit,
          ExclusiveStartKey: start,
        }),
      );
      return { items: (out.Items ?? []) as EventRecord[], ...(out.LastEvaluatedKey ? { next: out.LastEvaluatedKey } : {}) };
    },
    /** A page of a department's inbox (open or done), soonest due first. */
    async inbox(department: string, open: boolean, limit: number, opts: { dueBefore?: string; start?: Record<string, unknown> }) {
      const out = await ddb.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi3',
          KeyConditionExpression: opts.dueBefore ? 'gsi3pk = :pk AND gsi3sk < :before' : 'gsi3pk = :pk',
          ExpressionAttributeValues: { ':pk': eventKeys.inbox(department, open), ...(opts.dueBefore ? { ':before': opts.dueBefore } : {}) },
          Limit: limit,
          ExclusiveStartKey: opts.start,
        }),
      );
      return { items: (out.Items ?? []) as EventRecord[], lastKey: out.LastEvaluatedKey };
    },
  };
}

export type EventRepo = ReturnType<typeof createEventRepo>;
