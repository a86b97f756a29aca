import { maxEscalations } from '../../workflows/defaults';
import type { Addressing } from '../notifications/outbox';
import { pendingResult, resultEvents } from './branch-events';
import type { Context } from './context';
import { deliver } from './executions';
import type { TaskRecord } from './records';
import { nextCheckpointAt } from './timing';

export type SettleOutcome = 'delivered' | 'stale' | 'none';

/**
 * Finishes what recording a result on a task leaves to do, each step idempotent:
 * 1. the branch's result events (rebuilt from the task; only missing ones are written),
 * 2. the result the wait holding the stored token has not received, sent through it,
 * 3. the undelivered mark removed once delivery is confirmed (docs/DESIGN.md "Crash consistency").
 *
 * Whoever may find a result unfinished calls it with the task as its own write or read
 * returned it: the request that recorded it and its retries, the branch's next wait,
 * reconcile. Re-sending is safe: a token takes one result at most.
 */
export async function settle(ctx: Context, task: TaskRecord): Promise<SettleOutcome> {
  const pending = pendingResult(task, task.tokenKind);
  const mark = task.gsi4sk;
  // No mark and nothing to send: settled before, and settling logs before it removes the mark.
  if (!pending && mark === undefined) return 'none';
  const events = resultEvents(ctx, task);
  if (events.length) await ctx.log.appendAll(task.applicationId, events, addressingOf(task));
  const outcome = pending ? await send(ctx, task, pending) : 'none';
  if (mark !== undefined) {
    // Confirmed when: delivered (the machine has it); stale (this token takes nothing more:
    // it took the result before a crash, or its wait timed out and the machine's next wait
    // settles); none (the wait holding the token waits for what the task waits for). The
    // last two only while the token is still the one we looked at.
    await ctx.tasks.confirmDelivered(task.applicationId, task.department, mark, outcome === 'delivered' ? undefined : task.token);
  }
  return outcome;
}

/** The task carries what its result's notification needs (tasks opened before `ownerSub` was stored: the outbox reads). */
function addressingOf(task: TaskRecord): { about?: Addressing } {
  if (task.ownerSub === undefined) return {};
  const { applicationId: id, serviceId, serviceVersion, ownerSub, walkthrough } = task;
  return { about: { app: { id, serviceId, serviceVersion, ownerSub, walkthrough } } };
}

async function send(ctx: Context, task: TaskRecord, pending: 'decision' | 'supplement'): Promise<'delivered' | 'stale'> {
  let output: object;
  if (pending === 'decision') {
    output = { decision: task.decision };
  } else {
    // The supplement wait's result is the branch's new schedule (due date moved by the suspension).
    const def = ctx.catalog.getServiceVersion(task.serviceId, task.serviceVersion);
    output = {
      dueAt: task.dueAt,
      warnAt: task.warnAt,
      nextCheckpointAt: nextCheckpointAt(task, ctx.clock.now(), def.escalateEveryHours, maxEscalations(def)),
    };
  }
  return deliver(ctx.sfn, ctx.logger, task.token, output, { applicationId: task.applicationId, department: task.department });
}
