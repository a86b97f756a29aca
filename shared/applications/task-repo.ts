import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Page } from './application-repo';
import { decodeCursor, encodeCursor } from './cursor';
import { keys } from './ids';
import type { StoredSupplementRequest, TaskRecord } from './records';
import type { Decision } from './schemas';

/** Inbox partition of a task: `open` (waiting for the officer), `waiting` (for the applicant), `done`. */
export const inboxBucket = (status: TaskRecord['status']): 'open' | 'waiting' | 'done' =>
  status === 'open' ? 'open' : status === 'supplement-required' ? 'waiting' : 'done';

/**
 * Task items (one per department of an application). Conditional updates return the new
 * item, so the caller sees the token and decision it raced with in ONE round trip.
 */
export function createTaskRepo(ddb: DynamoDBDocumentClient, table: string) {
  const update = async (appId: string, dept: string, expr: { set: string; condition: string; names?: Record<string, string>; values: Record<string, unknown> }) => {
    const out = await ddb.send(
      new UpdateCommand({
        TableName: table,
        Key: keys.task(appId, dept),
        UpdateExpression: `SET ${expr.set}`,
        ConditionExpression: expr.condition,
        ExpressionAttributeNames: { '#s': 'status', ...expr.names },
        ExpressionAttributeValues: expr.values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return out.Attributes as TaskRecord;
  };

  return {
    async get(appId: string, dept: string): Promise<TaskRecord | undefined> {
      const out = await ddb.send(new GetCommand({ TableName: table, Key: keys.task(appId, dept), ConsistentRead: true }));
      return out.Item as TaskRecord | undefined;
    },

    /** Opens a branch's task; ConditionalCheckFailed when it is already open. */
    async create(task: TaskRecord): Promise<void> {
      await ddb.send(new PutCommand({ TableName: table, Item: task, ConditionExpression: 'attribute_not_exists(pk)' }));
    },

    /** Stores the wait's new token unless the task was cancelled. */
    replaceToken: (appId: string, dept: string, token: string, kind: TaskRecord['tokenKind']) =>
      update(appId, dept, {
        set: '#t = :t, tokenKind = :k',
        condition: 'attribute_exists(pk) AND #s <> :cancelled',
        names: { '#t': 'token' },
        values: { ':t': token, ':k': kind, ':cancelled': 'cancelled' },
      }),

    /** Records a decision on an open, undecided task. */
    recordDecision: (appId: string, dept: string, d: { decision: Decision; at: string; by: string; comment?: string; request?: StoredSupplementRequest }) => {
      const status = d.decision === 'approve' ? 'approved' : d.decision === 'reject' ? 'rejected' : 'supplement-required';
      return update(appId, dept, {
        set:
          '#s = :s, decision = :d, decidedAt = :at, decidedBy = :by, gsi3pk = :g' +
          (d.comment !== undefined ? ', #c = :c' : '') +
          (d.request ? ', supplementRequests = list_append(supplementRequests, :req)' : ''),
        condition: '#s = :open AND attribute_not_exists(decision)',
        names: d.comment !== undefined ? { '#c': 'comment' } : {},
        values: {
          ':s': status,
          ':d': d.decision,
          ':at': d.at,
          ':by': d.by,
          ':g': keys.inbox(dept, inboxBucket(status)),
          ':open': 'open',
          ...(d.comment !== undefined ? { ':c': d.comment } : {}),
          ...(d.request ? { ':req': [d.request] } : {}),
        },
      });
    },

    /** Flags an open task overdue (once). */
    markOverdue: (appId: string, dept: string) =>
      update(appId, dept, { set: 'overdue = :t', condition: '#s = :open AND overdue = :f', values: { ':t': true, ':f': false, ':open': 'open' } }),

    /** The applicant answered request `index`: reopen with the due dates moved by the suspension. */
    provideSupplement: (appId: string, dept: string, p: { index: number; answered: StoredSupplementRequest; dueAt: string; warnAt: string; overdue: boolean; taskId: string }) =>
      update(appId, dept, {
        set:
          `#s = :open, supplementRequests[${p.index}] = :answered, dueAt = :due, warnAt = :warn, overdue = :o, gsi3pk = :g, gsi3sk = :gs` +
          ' REMOVE decision, decidedAt, decidedBy, #c',
        condition: '#s = :waiting',
        names: { '#c': 'comment' },
        values: {
          ':open': 'open',
          ':waiting': 'supplement-required',
          ':answered': p.answered,
          ':due': p.dueAt,
          ':warn': p.warnAt,
          ':o': p.overdue,
          ':g': keys.inbox(dept, 'open'),
          ':gs': `${p.dueAt}#${p.taskId}`,
        },
      }),

    /** The applicant did not answer within the limit: cancels a task still waiting for the supplement (not one answered meanwhile). */
    expireSupplement: (appId: string, dept: string, because: string) =>
      update(appId, dept, {
        set: '#s = :c, cancelledBecause = :b, gsi3pk = :g',
        condition: '#s = :waiting',
        values: { ':c': 'cancelled', ':b': because, ':g': keys.inbox(dept, 'done'), ':waiting': 'supplement-required' },
      }),

    /** Cancels a task that is still open or waiting for a supplement. */
    cancel: (appId: string, dept: string, because: string) =>
      update(appId, dept, {
        set: '#s = :c, cancelledBecause = :b, gsi3pk = :g',
        condition: '#s IN (:open, :waiting)',
        values: { ':c': 'cancelled', ':b': because, ':g': keys.inbox(dept, 'done'), ':open': 'open', ':waiting': 'supplement-required' },
      }),

    /** A department's tasks in one inbox partition, soonest due first; `dueBefore` selects overdue ones. */
    async inbox(dept: string, bucket: 'open' | 'done', q: { limit: number; cursor?: string; dueBefore?: string }): Promise<Page<TaskRecord>> {
      const out = await ddb.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'gsi3',
          KeyConditionExpression: q.dueBefore ? 'gsi3pk = :pk AND gsi3sk < :before' : 'gsi3pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.inbox(dept, bucket), ...(q.dueBefore ? { ':before': q.dueBefore } : {}) },
          Limit: q.limit,
          ExclusiveStartKey: decodeCursor(q.cursor, ['pk', 'sk', 'gsi3pk', 'gsi3sk']),
        }),
      );
      return { items: (out.Items ?? []) as TaskRecord[], nextCursor: encodeCursor(out.LastEvaluatedKey) };
    },
  };
}

export type TaskRepo = ReturnType<typeof createTaskRepo>;
