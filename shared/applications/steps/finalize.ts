import { ConflictError, NotFoundError } from '../../errors';
import type { Context } from '../context';
import { isConditionalCheckFailed } from '../errors';
import type { ApplicationRecord } from '../records';
import type { ApplicationResult } from '../schemas';
import { cancelOpenTasks } from '../withdraw';
import type { FinalizeInput } from './schemas';

/**
 * Last state: one combined result. Rejected -> every other open task cancelled saying why;
 * then `completed`; then the terminal status (approved, or rejected with the rejecting
 * department's reasons). The status is written last, so whoever sees it also sees the
 * cancelled branches and the whole timeline. Idempotent: a retry re-runs what is missing.
 */
export async function finalize(ctx: Context, input: FinalizeInput): Promise<{ status: string; completedAt?: string }> {
  const { applicationId: id, outcome } = input;
  const { application, tasks } = await ctx.apps.getWithTasks(id);
  if (!application) throw new NotFoundError(`application ${id} not found`);
  // The applicant's withdrawal already closed everything.
  if (application.status === 'withdrawn') return { status: 'withdrawn' };
  if (application.status !== 'submitted' && application.status !== outcome) {
    throw new ConflictError(`application ${id} is already ${application.status}, cannot finalize as ${outcome}`);
  }
  const system = { role: 'system' };
  if (outcome === 'rejected') await cancelOpenTasks(ctx, application, tasks, `rejected-by:${input.rejectedBy}`, system);
  await ctx.log.append(id, {
    key: 'completed',
    type: 'completed',
    actor: system,
    serviceId: application.serviceId,
    walkthrough: application.walkthrough,
    detail: { outcome, ...(input.rejectedBy ? { rejectedBy: input.rejectedBy } : {}) },
  });
  const app = await complete(ctx, application, input, tasks.find((t) => t.department === input.rejectedBy)?.comment);
  return { status: app.status, ...(app.completedAt ? { completedAt: app.completedAt } : {}) };
}

/** Writes the terminal status once; returns the application as stored afterwards. */
async function complete(ctx: Context, app: ApplicationRecord, input: FinalizeInput, reasons: string | undefined): Promise<ApplicationRecord> {
  if (app.status === 'submitted') {
    const result: ApplicationResult =
      input.outcome === 'approved'
        ? { outcome: 'approved' }
        : { outcome: 'rejected', ...(input.rejectedBy ? { rejectedBy: input.rejectedBy } : {}), ...(reasons ? { reasons } : {}) };
    const completedAt = ctx.clock.now().toISOString();
    try {
      await ctx.apps.complete(app.id, input.outcome, completedAt, result);
      return { ...app, status: input.outcome, completedAt, result };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const current = await ctx.apps.get(app.id);
      if (!current) throw new NotFoundError(`application ${app.id} not found`);
      app = current;
    }
  }
  if (app.status !== input.outcome && app.status !== 'withdrawn') {
    throw new ConflictError(`application ${app.id} is already ${app.status}, cannot finalize as ${input.outcome}`);
  }
  return app;
}
