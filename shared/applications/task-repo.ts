import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DocumentStore } from '../aws/document-store';
import type { Page } from './application-repo';
import { invalidCursor, type CursorCodec, type CursorList } from './cursor';
import { isConditionalCheckFailed } from './errors';
import { keys } from './ids';
import { deliveryMark } from './pending';
import type { StoredSupplementRequest, TaskRecord } from './records';
import type { Decision } from './schemas';

/** Inbox partition of a task: `open` (waiting for the officer), `waiting` (for the applicant), `done`. */
export const inboxBucket = (status: TaskRecord['status']): 'open' | 'waiting' | 'done' =>
  status === 'open' ? 'open' : status === 'supplement-required' ? 'waiting' : 'done';

/**
 * Task items (one per department of an application). Conditional updates return the new
 * item, so the caller sees the token and decision it raced with in ONE round trip.
 */
export function createTaskRepo(ddb: DocumentStore, table: string, cursors: CursorCodec) {
  const update = async (
    appId: string,
    dept: string,
    expr: { set: string; condition: string; names?: Record<string, string>; values: Record<string, unknown> },
  ) => {
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

    /**
     * Records a decision on an open, undecided task, and marks it undelivered in the same
     * write (`round`: the decision's round, i.e. the supplement requests before it).
     */
    recordDecision: (
      appId: string,
      dept: string,
      d: {
        decision: Decision;
        at: string;
        by: string;
        round: number;
        taskId: string;
        comment?: string;
        request?: StoredSupplementRequest;
        results?: { whole: Record<string, string>; logged: Record<string, string> };
      },
    ) => {
      const status = d.decision === 'approve' ? 'approved' : d.decision === 'reject' ? 'rejected' : 'supplement-required';
      const mark = deliveryMark(d.at, d.taskId, `d${d.round}`);
      return update(appId, dept, {
        set:
          '#s = :s, decision = :d, decidedAt = :at, decidedBy = :by, gsi3pk = :g, gsi4pk = :p4, gsi4sk = :s4' +
          (d.comment !== undefined ? ', #c = :c' : '') +
          (d.request ? ', supplementRequests = list_append(supplementRequests, :req)' : '') +
          (d.results ? ', results = :res, loggedResults = :lres' : ''),
        condition: '#s = :open AND attribute_not_exists(decision)',
        names: d.comment !== undefined ? { '#c': 'comment' } : {},
        values: {
          ':s': status,
          ':d': d.decision,
          ':at': d.at,
          ':by': d.by,
          ':g': keys.inbox(dept, inboxBucket(status)),
          ':p4': mark.gsi4pk,
          ':s4': mark.gsi4sk,
          ':open': 'open',
          ...(d.comment !== undefined ? { ':c': d.comment } : {}),
          ...(d.request ? { ':req': [d.request] } : {}),
          ...(d.results ? { ':res': d.results.whole, ':lres': d.results.logged } : {}),
        },
      });
    },

    /** Flags an open task overdue (once). */
    markOverdue: (appId: string, dept: string) =>
      update(appId, dept, {
        set: 'overdue = :t',
        condition: '#s = :open AND overdue = :f',
        values: { ':t': true, ':f': false, ':open': 'open' },
      }),

    /**
     * The applicant answered request `index`: reopen with the due dates moved by the
     * suspension, marked undelivered in the same write.
     */
    provideSupplement: (
      appId: string,
      dept: string,
      p: {
        index: number;
        answered: StoredSupplementRequest & { providedAt: string };
        dueAt: string;
        warnAt: string;
        overdue: boolean;
        taskId: string;
      },
    ) => {
      const mark = deliveryMark(p.answered.providedAt, p.taskId, `a${p.index}`);
      return update(appId, dept, {
        set:
          `#s = :open, supplementRequests[${p.index}] = :answered, dueAt = :due, warnAt = :warn, overdue = :o, gsi3pk = :g, gsi3sk = :gs, gsi4pk = :p4, gsi4sk = :s4` +
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
          ':p4': mark.gsi4pk,
          ':s4': mark.gsi4sk,
        },
      });
    },

    /**
     * Removes the undelivered mark once delivery is confirmed, only if it is still `mark`
     * (a newer result keeps its own) and, when given, the stored token is still `token` (a
     * newer wait confirms for itself). Returns whether it removed it.
     */
    async confirmDelivered(appId: string, dept: string, mark: string, token?: string): Promise<boolean> {
      try {
        await ddb.send(
          new UpdateCommand({
            TableName: table,
            Key: keys.task(appId, dept),
            UpdateExpression: 'REMOVE gsi4pk, gsi4sk',
            ConditionExpression: token === undefined ? 'gsi4sk = :m' : 'gsi4sk = :m AND #t = :t',
            ...(token === undefined ? {} : { ExpressionAttributeNames: { '#t': 'token' } }),
            ExpressionAttributeValues: { ':m': mark, ...(token === undefined ? {} : { ':t': token }) },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return false;
        throw error;
      }
    },

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

    /**
     * A department's tasks in one inbox partition, soonest due first; `dueBefore` selects overdue
     * ones. Cursors are bound to the department, bucket, overdue filter and `caller`.
     */
    async inbox(
      dept: string,
      bucket: 'open' | 'waiting' | 'done',
      q: { caller: string; limit: number; cursor?: string; dueBefore?: string; withTests?: boolean },
    ): Promise<Page<TaskRecord>> {
      // The overdue list leaves walk-throughs out unless asked (the officers' overdue figures stay real).
      const testsOut = q.dueBefore !== undefined && q.withTests !== true;
      const list: CursorList = {
        name: 'inbox',
        bindings: { caller: q.caller, dept, bucket, overdue: q.dueBefore ? 'yes' : 'no', ...(testsOut ? { tests: 'out' } : {}) },
        partition: { gsi3pk: keys.inbox(dept, bucket) },
        carried: ['pk', 'sk', 'gsi3sk'],
      };
      const start = cursors.decode(q.cursor, list);
      // The overdue query's range ends at "now", which only moves on; a start key past it would
      // be outside the query (a DynamoDB ValidationException), so refuse it as a bad cursor.
      if (start && q.dueBefore && !(start.gsi3sk !== undefined && start.gsi3sk < q.dueBefore)) throw invalidCursor();
      const out = await ddb.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'gsi3',
          KeyConditionExpression: q.dueBefore ? 'gsi3pk = :pk AND gsi3sk < :before' : 'gsi3pk = :pk',
          ...(testsOut ? { FilterExpression: 'walkthrough = :no' } : {}),
          ExpressionAttributeValues: {
            ':pk': keys.inbox(dept, bucket),
            ...(q.dueBefore ? { ':before': q.dueBefore } : {}),
            ...(testsOut ? { ':no': false } : {}),
          },
          Limit: q.limit,
          ExclusiveStartKey: start,
        }),
      );
      return { items: (out.Items ?? []) as TaskRecord[], nextCursor: cursors.encode(out.LastEvaluatedKey, list) };
    },
  };
}

export type TaskRepo = ReturnType<typeof createTaskRepo>;
