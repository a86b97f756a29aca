import { getServiceVersion } from '../../../workflows/catalog';
import { supplementLimitWorkingDays } from '../../../workflows/defaults';
import { NotFoundError } from '../../errors';
import type { Context } from '../context';
import { isConditionalCheckFailed } from '../errors';
import type { TaskRecord } from '../records';
import type { CheckpointInput } from './schemas';

/** What the branch does next: end (Route's `reject`), or wait for the supplement (again) until `supplementDueAt`. */
export type SupplementExpiryResult = { decision: 'reject' } | { decision: 'request-supplement'; supplementDueAt: string };

export const SUPPLEMENT_EXPIRED = 'supplement-expired';

/**
 * The supplement wait timed out. Its first timeout is only a lower bound (the limit in
 * calendar days), so this names the exact deadline: the end of the service's
 * `supplementLimitWorkingDays`-th working day after the request. Before it, or when the
 * applicant answered meanwhile, the branch waits again (a recorded answer is delivered at
 * once by the wait). Past it, the task is cancelled (`supplement-expired`), `supplement-expired`
 * and `cancelled` are logged, and the branch ends the application as rejected for missing
 * materials (docs/DESIGN.md "Limits of the waits"). Idempotent: a retry after the
 * cancellation finds it and logs what is missing.
 */
export async function supplementExpiry(ctx: Context, input: CheckpointInput): Promise<SupplementExpiryResult> {
  const { applicationId: id, department: dept } = input;
  const task = await ctx.tasks.get(id, dept);
  if (!task) throw new NotFoundError(`task ${dept} of ${id} not found`);
  const def = getServiceVersion(task.serviceId, task.serviceVersion);
  const request = task.supplementRequests.at(-1);
  if (!request) throw new NotFoundError(`task ${dept} of ${id} has no supplement request`);
  const limit = supplementLimitWorkingDays(def);
  const supplementDueAt = ctx.calendar.dueAt(new Date(request.requestedAt), limit).dueAt.toISOString();
  const now = ctx.clock.now();
  const expiredAlready = task.status === 'cancelled' && task.cancelledBecause === SUPPLEMENT_EXPIRED;
  if (!expiredAlready) {
    if (task.status !== 'supplement-required' || now.toISOString() < supplementDueAt) return { decision: 'request-supplement', supplementDueAt };
    try {
      await ctx.tasks.expireSupplement(id, dept, SUPPLEMENT_EXPIRED);
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      // Answered at the last moment: the wait delivers the answer.
      return { decision: 'request-supplement', supplementDueAt };
    }
  }
  await logExpiry(ctx, task, { requestedAt: request.requestedAt, supplementDueAt, limitWorkingDays: limit, round: task.supplementRequests.length });
  ctx.logger.info('supplement limit passed: the application ends', { applicationId: id, department: dept, supplementDueAt });
  return { decision: 'reject' };
}

async function logExpiry(ctx: Context, task: TaskRecord, detail: Record<string, unknown>): Promise<void> {
  const common = { actor: { role: 'system' }, serviceId: task.serviceId, walkthrough: task.walkthrough, department: task.department, dueAt: task.dueAt };
  await ctx.log.appendAll(task.applicationId, [
    { ...common, key: `supplement-expired:${task.department}:${task.supplementRequests.length - 1}`, type: 'supplement-expired', detail },
    // Finalize's own `cancelled` for this branch is then a no-op (same key): the reason stays this one.
    { ...common, key: `cancelled:${task.department}`, type: 'cancelled', detail: { because: SUPPLEMENT_EXPIRED } },
  ]);
}
