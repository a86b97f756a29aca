import { QueryCommand, type DocumentStore } from '../aws/document-store';
import type { ApplicationRecord, TaskRecord } from './records';

/**
 * The sparse index `gsi4` of unfinished work, which is all reconcile reads (docs/DESIGN.md
 * "Data model"). An item is in it only while it carries the mark:
 *
 * - `PENDING#start`: an application stored but whose execution may not be started. Set by
 *   the application's own put, removed once StartExecution answered (or the name exists).
 * - `PENDING#stop`: a withdrawn application whose execution may still run or whose tasks
 *   may still be open. Set by the status write, removed once the tasks are cancelled.
 * - `PENDING#delivery`: a task whose recorded result (decision, supplement answer) the
 *   state machine may not have received. Set by the conditional write that records the
 *   result, removed once its delivery is confirmed (`settle.ts`).
 *
 * - `PENDING#event-start` (12345 events, `shared/events/pending.ts`): the same as `start`
 *   for an event item.
 *
 * The sort key starts with the instant the mark was set, so reconcile reads the oldest first
 * and can leave alone what a request in flight is about to finish.
 */
export type PendingKind = 'start' | 'stop' | 'delivery';

export const pendingPk = (kind: PendingKind) => `PENDING#${kind}`;

/** The mark of a withdrawn application whose execution may still run. */
export const stopMark = (id: string, withdrawnAt: string) => ({ gsi4pk: pendingPk('stop'), gsi4sk: `${withdrawnAt}#${id}` });

/** The mark of an application not yet started. */
export const startMark = (app: Pick<ApplicationRecord, 'id' | 'submittedAt'>) => ({
  gsi4pk: pendingPk('start'),
  gsi4sk: `${app.submittedAt}#${app.id}`,
});

/**
 * The mark of one recorded result of a task: `d<n>` the decision of round n, `a<i>` the
 * answer to supplement request i. Each result gets its own value, so confirming an older
 * result's delivery (a condition on the value) never removes a newer result's mark.
 */
export const deliveryMark = (at: string, taskId: string, result: string) => ({
  gsi4pk: pendingPk('delivery'),
  gsi4sk: `${at}#${taskId}#${result}`,
});

export interface PendingPage<T> {
  items: T[];
  /** Where the next page starts; undefined on the last one. */
  next?: Record<string, unknown>;
}

/** Reads the marks of one kind set before `before`, oldest first, one page at a time. */
export function createPendingIndex(ddb: DocumentStore, table: string) {
  const page = async <T>(kind: PendingKind, before: string, limit: number, start?: Record<string, unknown>): Promise<PendingPage<T>> => {
    const out = await ddb.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'gsi4',
        KeyConditionExpression: 'gsi4pk = :pk AND gsi4sk < :before',
        ExpressionAttributeValues: { ':pk': pendingPk(kind), ':before': before },
        Limit: limit,
        ExclusiveStartKey: start,
      }),
    );
    return { items: (out.Items ?? []) as T[], ...(out.LastEvaluatedKey ? { next: out.LastEvaluatedKey } : {}) };
  };
  return {
    unstarted: (before: string, limit: number, start?: Record<string, unknown>) => page<ApplicationRecord>('start', before, limit, start),
    unstopped: (before: string, limit: number, start?: Record<string, unknown>) => page<ApplicationRecord>('stop', before, limit, start),
    undelivered: (before: string, limit: number, start?: Record<string, unknown>) => page<TaskRecord>('delivery', before, limit, start),
  };
}

export type PendingIndex = ReturnType<typeof createPendingIndex>;
