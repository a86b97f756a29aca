import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DocumentStore } from '../aws/document-store';
import type { CursorCodec, CursorList } from './cursor';
import { isConditionalCheckFailed } from './errors';
import { pendingPk, type PendingKind } from './pending';
import { keys } from './ids';
import type { ApplicationRecord, StoredApplicationStatus, StoredMaterial, TaskRecord } from './records';
import type { ApplicationResult } from './schemas';

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/**
 * Application items of the main table. Every write is a single-item conditional write
 * (docs/DESIGN.md): callers decide what a failed condition means.
 */
export function createApplicationRepo(ddb: DocumentStore, table: string, cursors: CursorCodec) {
  return {
    async get(id: string): Promise<ApplicationRecord | undefined> {
      const out = await ddb.send(new GetCommand({ TableName: table, Key: keys.application(id), ConsistentRead: true }));
      return out.Item as ApplicationRecord | undefined;
    },

    /** The application and all its tasks in ONE Query (`GET /v1/applications/{id}`). */
    async getWithTasks(id: string): Promise<{ application?: ApplicationRecord; tasks: TaskRecord[] }> {
      const out = await ddb.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.application(id).pk },
          ConsistentRead: true,
        }),
      );
      const items = out.Items ?? [];
      return {
        application: items.find((i) => i.sk === 'APP') as ApplicationRecord | undefined,
        tasks: items.filter((i) => String(i.sk).startsWith('TASK#')) as TaskRecord[],
      };
    },

    /** Stores a new application; fails with ConditionalCheckFailed when the id exists (idempotency). */
    async create(record: ApplicationRecord): Promise<void> {
      await ddb.send(new PutCommand({ TableName: table, Item: record, ConditionExpression: 'attribute_not_exists(pk)' }));
    },

    /**
     * Moves a `submitted` application to a terminal status; ConditionalCheckFailed otherwise.
     * `mark`: work the change still owes (a withdrawal's stop and cancellations), set in the
     * same write so reconcile finds it if the tail never runs.
     */
    async complete(
      id: string,
      status: Exclude<StoredApplicationStatus, 'submitted'>,
      completedAt: string,
      result?: ApplicationResult,
      mark?: { gsi4pk: string; gsi4sk: string },
    ) {
      const set = ['#s = :s', 'completedAt = :c', ...(result ? ['#r = :r'] : []), ...(mark ? ['gsi4pk = :p4', 'gsi4sk = :s4'] : [])];
      await ddb.send(
        new UpdateCommand({
          TableName: table,
          Key: keys.application(id),
          UpdateExpression: `SET ${set.join(', ')}`,
          ConditionExpression: '#s = :submitted',
          ExpressionAttributeNames: { '#s': 'status', ...(result ? { '#r': 'result' } : {}) },
          ExpressionAttributeValues: {
            ':s': status,
            ':c': completedAt,
            ':submitted': 'submitted',
            ...(result ? { ':r': result } : {}),
            ...(mark ? { ':p4': mark.gsi4pk, ':s4': mark.gsi4sk } : {}),
          },
        }),
      );
    },

    /**
     * Removes the application's mark of `kind` (`pending.ts`) once that work is done. Returns
     * whether it removed it; another kind of mark, or none, is left as it is.
     */
    async unmark(id: string, kind: PendingKind): Promise<boolean> {
      try {
        await ddb.send(
          new UpdateCommand({
            TableName: table,
            Key: keys.application(id),
            UpdateExpression: 'REMOVE gsi4pk, gsi4sk',
            ConditionExpression: 'gsi4pk = :pk',
            ExpressionAttributeValues: { ':pk': pendingPk(kind) },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return false;
        throw error;
      }
    },

    /** Replaces the form and material list after a supplement (only while not finished). */
    async amend(id: string, form: Record<string, unknown>, materials: StoredMaterial[]): Promise<void> {
      await ddb.send(
        new UpdateCommand({
          TableName: table,
          Key: keys.application(id),
          UpdateExpression: 'SET form = :f, materials = :m',
          ConditionExpression: '#s = :submitted',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':f': form, ':m': materials, ':submitted': 'submitted' },
        }),
      );
    },

    /** The applicant's applications, newest first (gsi1). */
    async listByOwner(sub: string, limit: number, cursor?: string): Promise<Page<ApplicationRecord>> {
      const list: CursorList = {
        name: 'applications',
        bindings: { owner: sub },
        partition: { gsi1pk: keys.owner(sub) },
        carried: ['pk', 'sk', 'gsi1sk'],
      };
      const out = await ddb.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.owner(sub) },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: cursors.decode(cursor, list),
        }),
      );
      return { items: (out.Items ?? []) as ApplicationRecord[], nextCursor: cursors.encode(out.LastEvaluatedKey, list) };
    },

    /** Applications submitted on one UTC day at or after `fromSk` (gsi2; reconcile and reports). */
    async listByDay(day: string, from: string): Promise<ApplicationRecord[]> {
      const items: ApplicationRecord[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await ddb.send(
          new QueryCommand({
            TableName: table,
            IndexName: 'gsi2',
            KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk >= :from',
            ExpressionAttributeValues: { ':pk': keys.day(day), ':from': from },
            ExclusiveStartKey: start,
          }),
        );
        items.push(...((out.Items ?? []) as ApplicationRecord[]));
        start = out.LastEvaluatedKey;
      } while (start);
      return items;
    },
  };
}

export type ApplicationRepo = ReturnType<typeof createApplicationRepo>;
