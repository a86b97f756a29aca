import type { TimingEventInput } from '../audit/types';
import type { Context } from './context';
import { DECIDED, suspensionsOf, type TaskRecord } from './records';

/**
 * The timing-log events of a branch's recorded results, rebuilt from the task item alone, so
 * that whoever finds a result whose events are missing (the request that recorded it, a
 * retry, the branch's next wait, reconcile) can log them. Keys make every append idempotent.
 */
const base = (task: TaskRecord) => ({
  serviceId: task.serviceId,
  walkthrough: task.walkthrough,
  department: task.department,
});

/** `branch-opened`, keyed per branch: logged by intake for all branches, ensured by each wait. */
export function openedEvent(b: { serviceId: string; walkthrough: boolean; department: string; dueAt: string; warnAt: string }): TimingEventInput {
  return {
    key: `branch-opened:${b.department}`,
    type: 'branch-opened',
    actor: { role: 'system' },
    serviceId: b.serviceId,
    walkthrough: b.walkthrough,
    department: b.department,
    dueAt: b.dueAt,
    workingDaysUsed: 0,
    detail: { warnAt: b.warnAt },
  };
}

/** `decided` (+ `supplement-requested`) of the task's current decision. */
export function decidedEvents(ctx: Pick<Context, 'calendar'>, task: TaskRecord): TimingEventInput[] {
  if (task.decision === undefined || task.decidedAt === undefined) return [];
  const supplement = task.decision === 'request-supplement';
  // Decision rounds are numbered by the supplement requests before this decision.
  const round = task.supplementRequests.length - (supplement ? 1 : 0);
  const common = {
    ...base(task),
    actor: { role: 'officer', ...(task.decidedBy ? { sub: task.decidedBy } : {}) },
    dueAt: task.dueAt,
    workingDaysUsed: ctx.calendar.workingDaysUsed(new Date(task.openedAt), new Date(task.decidedAt), suspensionsOf(task)),
  };
  const request = task.supplementRequests.at(-1);
  return [
    { ...common, key: `decided:${task.department}:${round}`, type: 'decided', detail: { decision: task.decision, ...(task.comment ? { comment: task.comment } : {}) } },
    ...(supplement && request
      ? [{ ...common, key: `supplement-requested:${task.department}:${round}`, type: 'supplement-requested' as const, detail: { missing: request.missing, round: round + 1 } }]
      : []),
  ];
}

/** `supplement-provided` + `due-moved` of the task's latest answered supplement request. */
export function supplementEvents(ctx: Pick<Context, 'calendar'>, task: TaskRecord, actor: { role: string; sub?: string }): TimingEventInput[] {
  const index = task.supplementRequests.length - 1;
  const request = task.supplementRequests[index];
  if (!request?.providedAt) return [];
  const common = {
    ...base(task),
    actor,
    dueAt: task.dueAt,
    workingDaysUsed: ctx.calendar.workingDaysUsed(new Date(task.openedAt), new Date(request.providedAt), suspensionsOf(task)),
  };
  return [
    {
      ...common,
      key: `supplement-provided:${task.department}:${index}`,
      type: 'supplement-provided',
      detail: { materials: request.materials ?? [], fields: request.fields ?? [], withNote: request.note !== undefined },
    },
    {
      ...common,
      key: `due-moved:${task.department}:${index}`,
      type: 'due-moved',
      detail: { from: request.dueBefore ?? null, to: task.dueAt, reason: 'supplement-suspension', suspendedFrom: request.requestedAt, suspendedTo: request.providedAt },
    },
  ];
}

/**
 * A result recorded on the task that the state machine may not have received: what to send
 * through the stored token, if anything. `nextCheckpointAt` is computed by the caller's rule.
 */
export function pendingResult(task: TaskRecord, kind: TaskRecord['tokenKind']): 'decision' | 'supplement' | undefined {
  if (kind === 'decision') {
    // A decision wait only runs while the machine has no decision: a recorded one is undelivered.
    return task.decision !== undefined && DECIDED.has(task.status) ? 'decision' : undefined;
  }
  return task.status === 'open' && task.supplementRequests.at(-1)?.providedAt !== undefined ? 'supplement' : undefined;
}
