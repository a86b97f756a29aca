import { ConflictError, NotFoundError } from '../../errors';
import type { Metrics } from '../../observability/metrics';
import type { Context } from '../context';
import { isConditionalCheckFailed } from '../errors';
import type { ApplicationRecord, TaskRecord } from '../records';
import type { ApplicationResult } from '../schemas';
import { cancelOpenTasks } from '../withdraw';
import type { FinalizeInput } from './schemas';
import { SUPPLEMENT_EXPIRED } from './supplement-expiry';

/** What the applicant reads when the platform, not a department, ended the application. */
const MESSAGES = {
  'processing-failed': {
    zh: '系统处理出现故障，申请已终止，各部门的办理已关闭。请重新提交申请，或联系窗口工作人员。',
    en: "A system fault stopped the processing of this application; every department's task was closed. Please submit it again or contact the service desk.",
  },
  'supplement-expired': {
    zh: '补正材料未在规定期限内提交，申请已终止。如仍需办理，请重新提交申请。',
    en: 'The requested supplement was not provided within the time limit, so the application has ended. Please submit a new application if you still need it.',
  },
} as const;

/**
 * Last state: one combined result. Rejected -> every other open task cancelled saying why;
 * failed (the state machine's catch-all: a step failed after its retries) -> every open task
 * cancelled, `failed` logged and the FailedApplications metric emitted; otherwise `completed`.
 * Then the terminal status (approved, rejected with the rejecting department's reasons, or
 * failed with a message for the applicant). The status is written last, so whoever sees it
 * also sees the cancelled branches and the whole timeline. Idempotent: a retry re-runs what
 * is missing.
 */
export async function finalize(ctx: Context, metrics: Metrics, input: FinalizeInput): Promise<{ status: string; completedAt?: string }> {
  const { applicationId: id, outcome } = input;
  const { application, tasks } = await ctx.apps.getWithTasks(id);
  if (!application) throw new NotFoundError(`application ${id} not found`);
  // The applicant's withdrawal already closed everything.
  if (application.status === 'withdrawn') return { status: 'withdrawn' };
  if (application.status !== 'submitted' && application.status !== outcome) {
    throw new ConflictError(`application ${id} is already ${application.status}, cannot finalize as ${outcome}`);
  }
  const system = { role: 'system' };
  const common = { actor: system, serviceId: application.serviceId, walkthrough: application.walkthrough };
  if (outcome === 'failed') {
    const error = input.error ?? 'unknown';
    await cancelOpenTasks(ctx, application, tasks, `failed:${error}`, system);
    await ctx.log.append(id, { ...common, key: 'failed', type: 'failed', detail: { error } }, { about: { app: application, tasks } });
    if (application.status === 'submitted') metrics.applicationFailed(application.serviceId);
    ctx.logger.error('application failed: the state machine caught an error', {
      applicationId: id,
      serviceId: application.serviceId,
      error,
    });
  } else {
    if (outcome === 'rejected') await cancelOpenTasks(ctx, application, tasks, `rejected-by:${input.rejectedBy}`, system);
    await ctx.log.append(
      id,
      {
        ...common,
        key: 'completed',
        type: 'completed',
        detail: { outcome, ...(input.rejectedBy ? { rejectedBy: input.rejectedBy } : {}) },
      },
      // The rejecting department's comment (the result's reasons) is on its task, which the cancellations left as it was.
      { about: { app: application, tasks } },
    );
  }
  const app = await complete(ctx, application, input, resultOf(input, tasks));
  return { status: app.status, ...(app.completedAt ? { completedAt: app.completedAt } : {}) };
}

/** The stored result: a rejection carries the department's reasons, or the expiry's message. */
function resultOf(input: FinalizeInput, tasks: TaskRecord[]): ApplicationResult {
  if (input.outcome === 'approved') return { outcome: 'approved' };
  if (input.outcome === 'failed') return { outcome: 'failed', reason: 'processing-failed', message: MESSAGES['processing-failed'] };
  const by = tasks.find((t) => t.department === input.rejectedBy);
  const rejectedBy = input.rejectedBy ? { rejectedBy: input.rejectedBy } : {};
  if (by?.cancelledBecause === SUPPLEMENT_EXPIRED)
    return { outcome: 'rejected', ...rejectedBy, reason: SUPPLEMENT_EXPIRED, message: MESSAGES[SUPPLEMENT_EXPIRED] };
  return { outcome: 'rejected', ...rejectedBy, ...(by?.comment ? { reasons: by.comment } : {}) };
}

/** Writes the terminal status once; returns the application as stored afterwards. */
async function complete(ctx: Context, app: ApplicationRecord, input: FinalizeInput, result: ApplicationResult): Promise<ApplicationRecord> {
  if (app.status === 'submitted') {
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
