import { maxEscalations, supplementLimitWorkingDays } from '../../../workflows/defaults';
import { NotFoundError } from '../../errors';
import { resultEvents } from '../branch-events';
import type { Context } from '../context';
import { isConditionalCheckFailed } from '../errors';
import type { TaskRecord } from '../records';
import { nextCheckpointAt } from '../timing';
import type { BranchSchedule } from './checkpoint';
import type { CheckpointInput } from './schemas';

/**
 * What the branch does next (Route decides on `decision`): end (`reject`), wait for the
 * supplement again until `supplementDueAt`, or, the answer being recorded, go back to the
 * decision wait with the moved schedule under the department's key (`resume`).
 */
export type SupplementExpiryResult =
  | { decision: 'reject' }
  | { decision: 'request-supplement'; supplementDueAt: string }
  | ({ decision: 'resume' } & Record<string, BranchSchedule | 'resume'>);

export const SUPPLEMENT_EXPIRED = 'supplement-expired';

/**
 * The supplement wait timed out. Its first timeout is only a lower bound (the limit in
 * calendar days), so this names the exact deadline: the end of the service's
 * `supplementLimitWorkingDays`-th working day after the request. Before it, the branch
 * waits again until then. An answer recorded on the task (never delivered to the wait)
 * resumes the decision wait. Past the deadline, the task is cancelled (`supplement-expired`),
 * `supplement-expired` and `cancelled` are logged, and the branch ends the application as
 * rejected for missing materials (docs/DESIGN.md "Limits of the waits"). Idempotent: a
 * retry after the cancellation finds it and logs what is missing; an answer that wins the
 * race with the cancellation is delivered by the wait, which the branch re-enters.
 */
export async function supplementExpiry(ctx: Context, input: CheckpointInput): Promise<SupplementExpiryResult> {
  const { applicationId: id, department: dept } = input;
  const task = await ctx.tasks.get(id, dept);
  if (!task) throw new NotFoundError(`task ${dept} of ${id} not found`);
  const def = ctx.catalog.getServiceVersion(task.serviceId, task.serviceVersion);
  const request = task.supplementRequests.at(-1);
  if (!request) throw new NotFoundError(`task ${dept} of ${id} has no supplement request`);
  const limit = supplementLimitWorkingDays(def);
  const supplementDueAt = ctx.calendar.dueAt(new Date(request.requestedAt), limit).dueAt.toISOString();
  const now = ctx.clock.now();
  if (request.providedAt !== undefined) {
    // Answered, but the answer never reached the wait (e.g. a crash before SendTaskSuccess;
    // the officer may even have decided since): its events, then the decision wait, which
    // delivers a recorded decision at once.
    await ctx.log.appendAll(id, resultEvents(ctx, task));
    const schedule = {
      dueAt: task.dueAt,
      warnAt: task.warnAt,
      nextCheckpointAt: nextCheckpointAt(task, now, def.escalateEveryHours, maxEscalations(def)),
    };
    return { decision: 'resume', [dept]: schedule };
  }
  const expiredAlready = task.status === 'cancelled' && task.cancelledBecause === SUPPLEMENT_EXPIRED;
  if (!expiredAlready) {
    // Closed otherwise (withdrawn, another department's rejection): that ends the execution anyway.
    if (task.status === 'cancelled') return { decision: 'reject' };
    if (now.toISOString() < supplementDueAt) return { decision: 'request-supplement', supplementDueAt };
    try {
      await ctx.tasks.expireSupplement(id, dept, SUPPLEMENT_EXPIRED);
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      // Answered at the last moment: the wait delivers the answer.
      return { decision: 'request-supplement', supplementDueAt };
    }
  }
  await logExpiry(ctx, task, {
    requestedAt: request.requestedAt,
    supplementDueAt,
    limitWorkingDays: limit,
    round: task.supplementRequests.length,
  });
  ctx.logger.info('supplement limit passed: the application ends', { applicationId: id, department: dept, supplementDueAt });
  return { decision: 'reject' };
}

async function logExpiry(ctx: Context, task: TaskRecord, detail: Record<string, unknown>): Promise<void> {
  const common = {
    actor: { role: 'system' },
    serviceId: task.serviceId,
    walkthrough: task.walkthrough,
    department: task.department,
    dueAt: task.dueAt,
  };
  await ctx.log.appendAll(task.applicationId, [
    { ...common, key: `supplement-expired:${task.department}:${task.supplementRequests.length - 1}`, type: 'supplement-expired', detail },
    // Finalize's own `cancelled` for this branch is then a no-op (same key): the reason stays this one.
    { ...common, key: `cancelled:${task.department}`, type: 'cancelled', detail: { because: SUPPLEMENT_EXPIRED } },
  ]);
}
