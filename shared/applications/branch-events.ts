import type { TimingEventInput } from '../audit/types';
import type { Context } from './context';
import { suspensionsOf, type TaskRecord } from './records';

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
export function openedEvent(b: {
  serviceId: string;
  walkthrough: boolean;
  department: string;
  dueAt: string;
  warnAt: string;
}): TimingEventInput {
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

/**
 * Every result event of the branch, oldest first, rebuilt from the task item alone: per
 * supplement request i its `decided` + `supplement-requested` and, once answered,
 * `supplement-provided` + `due-moved`; then the current approve or reject. A result whose
 * events a crash lost is still logged by whoever settles the task next, even after a later
 * result replaced the decision's attributes (a request keeps who asked and when).
 */
export function resultEvents(ctx: Pick<Context, 'calendar'>, task: TaskRecord): TimingEventInput[] {
  const suspensions = suspensionsOf(task);
  const used = (at: string) => ctx.calendar.workingDaysUsed(new Date(task.openedAt), new Date(at), suspensions);
  const requests = task.supplementRequests;
  const events: TimingEventInput[] = [];
  requests.forEach((request, i) => {
    const current = i === requests.length - 1 && task.decision === 'request-supplement';
    // The due date while request i was open; answer i moved it to the next answer's `dueBefore`.
    const dueWhileOpen = request.dueBefore ?? task.dueAt;
    events.push(
      decided(task, i, {
        decision: 'request-supplement',
        at: current && task.decidedAt ? task.decidedAt : request.requestedAt,
        by: current ? task.decidedBy : request.requestedBy,
        comment: current ? task.comment : request.comment,
        dueAt: dueWhileOpen,
        used,
      }),
      {
        ...base(task),
        key: `supplement-requested:${task.department}:${i}`,
        type: 'supplement-requested',
        actor: officer(current ? task.decidedBy : request.requestedBy),
        dueAt: dueWhileOpen,
        workingDaysUsed: used(request.requestedAt),
        detail: { missing: request.missing, round: i + 1 },
      },
    );
    if (request.providedAt !== undefined) {
      const dueAfter = requests[i + 1]?.dueBefore ?? task.dueAt;
      const common = {
        ...base(task),
        actor: request.providedBy ?? { role: 'citizen' },
        dueAt: dueAfter,
        workingDaysUsed: used(request.providedAt),
      };
      events.push(
        {
          ...common,
          key: `supplement-provided:${task.department}:${i}`,
          type: 'supplement-provided',
          detail: { materials: request.materials ?? [], fields: request.fields ?? [], withNote: request.note !== undefined },
        },
        {
          ...common,
          key: `due-moved:${task.department}:${i}`,
          type: 'due-moved',
          detail: {
            from: request.dueBefore ?? null,
            to: dueAfter,
            reason: 'supplement-suspension',
            suspendedFrom: request.requestedAt,
            suspendedTo: request.providedAt,
          },
        },
      );
    }
  });
  if (task.decision !== undefined && task.decision !== 'request-supplement' && task.decidedAt !== undefined) {
    events.push(
      decided(task, requests.length, {
        decision: task.decision,
        at: task.decidedAt,
        by: task.decidedBy,
        comment: task.comment,
        dueAt: task.dueAt,
        used,
        results: task.loggedResults,
      }),
    );
  }
  return events;
}

const officer = (sub: string | undefined) => ({ role: 'officer', ...(sub ? { sub } : {}) });

/** `decidedBy` of a probe's automatic approval (steps/task-await.ts); its `decided` event's actor is the system. */
export const PROBE_DECIDER = 'system:probe';

/** `decided` of round `round` (decision rounds are numbered by the supplement requests before them). */
function decided(
  task: TaskRecord,
  round: number,
  d: {
    decision: string;
    at: string;
    by: string | undefined;
    comment: string | undefined;
    dueAt: string;
    used: (at: string) => number;
    /** An approval's results as logged (personal values masked when recorded). */
    results?: Record<string, string> | undefined;
  },
): TimingEventInput {
  return {
    ...base(task),
    key: `decided:${task.department}:${round}`,
    type: 'decided',
    actor: task.probe ? { role: 'system' } : officer(d.by),
    dueAt: d.dueAt,
    workingDaysUsed: d.used(d.at),
    detail: {
      decision: d.decision,
      ...(d.comment ? { comment: d.comment } : {}),
      ...(d.results ? { results: d.results } : {}),
      ...(task.probe ? { probe: true } : {}),
    },
  };
}

/**
 * What the wait of `kind` holding the task's token has not received, if anything. A wait
 * waits while the task does: a decision wait while the task is `open`, a supplement wait
 * while it is `supplement-required`; any other status means a result was recorded after the
 * wait began. Sending it moves the machine to the wait that matches the task again (a
 * supplement answered and then decided at once gets the dates first, then the decision at
 * the next wait).
 */
export function pendingResult(task: TaskRecord, kind: TaskRecord['tokenKind']): 'decision' | 'supplement' | undefined {
  if (task.status === 'cancelled') return undefined;
  if (kind === 'decision') return task.status !== 'open' && task.decision !== undefined ? 'decision' : undefined;
  return task.status !== 'supplement-required' && task.supplementRequests.at(-1)?.providedAt !== undefined ? 'supplement' : undefined;
}
