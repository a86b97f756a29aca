import { isStaged } from '../../workflows/stages';
import type { Actor } from '../audit/types';
import type { Principal } from '../auth/principal';
import { ConflictError } from '../errors';
import { applicationProblem } from '../i18n';
import { ownApplication } from './access';
import type { Context } from './context';
import { isConditionalCheckFailed } from './errors';
import { pendingPk, stopMark } from './pending';
import { stopExecution } from './executions';
import type { ApplicationRecord, TaskRecord } from './records';
import type { ApplicationView } from './schemas';
import { applicationView } from './views';

/**
 * Cancels every task still open or waiting for a supplement, logging `cancelled` for each,
 * and logs the cancellation of a staged service's branches not yet open. Idempotent: a task already closed is skipped, a repeated log entry is not duplicated.
 */
export async function cancelOpenTasks(
  ctx: Context,
  app: ApplicationRecord,
  tasks: TaskRecord[],
  because: string,
  actor: Actor,
): Promise<void> {
  for (const task of tasks) {
    if (task.status === 'open' || task.status === 'supplement-required') {
      try {
        await ctx.tasks.cancel(app.id, task.department, because);
      } catch (error) {
        // Closed meanwhile (decided in a race): nothing left to cancel.
        if (!isConditionalCheckFailed(error)) throw error;
        continue;
      }
    } else if (task.status !== 'cancelled') {
      continue;
    }
    await ctx.log.append(app.id, {
      key: `cancelled:${task.department}`,
      type: 'cancelled',
      actor,
      serviceId: app.serviceId,
      walkthrough: app.walkthrough,
      department: task.department,
      dueAt: task.dueAt,
      detail: { because },
    });
  }
  await cancelPendingBranches(ctx, app, tasks, because, actor);
}

/**
 * A staged service's branches that never opened (their earlier stages had not all approved)
 * are cancelled too: no task to close, but the log says so (`detail.pending`), so that every
 * branch of the application ends with an event. Runs after the stop or in Finalize, when no
 * stage can open any more. Keyed like a task's cancellation: a repetition adds nothing.
 */
async function cancelPendingBranches(ctx: Context, app: ApplicationRecord, tasks: TaskRecord[], because: string, actor: Actor) {
  const def = ctx.catalog.getServiceVersion(app.serviceId, app.serviceVersion);
  if (!isStaged(def)) return;
  for (const dept of def.departments) {
    if (tasks.some((t) => t.department === dept.id)) continue;
    await ctx.log.append(app.id, {
      key: `cancelled:${dept.id}`,
      type: 'cancelled',
      actor,
      serviceId: app.serviceId,
      walkthrough: app.walkthrough,
      department: dept.id,
      detail: { because, pending: true },
    });
  }
}

/**
 * `POST /v1/applications/{id}/withdraw`: status (marked unstopped in the same write) -> log
 * -> StopExecution -> cancel open tasks -> unmark (docs/DESIGN.md "Crash consistency").
 * Every step is idempotent, so withdrawing again, or reconcile, re-runs the tail.
 */
export async function withdraw(ctx: Context, p: Principal, id: string): Promise<ApplicationView> {
  let app = ownApplication(p, await ctx.apps.get(id), id);
  const now = ctx.clock.now();
  if (app.status === 'approved' || app.status === 'rejected' || app.status === 'failed')
    throw new ConflictError(applicationProblem('application-closed', { id, status: app.status }));
  if (app.status === 'submitted') {
    const mark = stopMark(id, now.toISOString());
    try {
      await ctx.apps.complete(id, 'withdrawn', now.toISOString(), undefined, mark);
      app = { ...app, status: 'withdrawn', completedAt: now.toISOString(), ...mark };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const current = await ctx.apps.get(id);
      if (current?.status !== 'withdrawn')
        throw new ConflictError(applicationProblem('application-closed', { id, status: current?.status ?? 'gone' }));
      app = current;
    }
  }
  await finishWithdrawal(ctx, app, { role: p.role, sub: p.sub });
  const [fresh, events] = await Promise.all([ctx.apps.getWithTasks(id), ctx.log.list(id)]);
  const def = ctx.catalog.getServiceVersion(app.serviceId, app.serviceVersion);
  return applicationView(def, fresh.application ?? app, fresh.tasks, events, { kind: 'applicant' }, now, ctx.calendar);
}

/** The tail of a withdrawal (the request's, its repetition's, or reconcile's); each step idempotent. */
export async function finishWithdrawal(ctx: Context, app: ApplicationRecord, actor: Actor): Promise<void> {
  await ctx.log.append(
    app.id,
    { key: 'withdrawn', type: 'withdrawn', actor, serviceId: app.serviceId, walkthrough: app.walkthrough },
    { about: { app } },
  );
  await stopExecution(ctx.sfn, ctx.config, app, 'withdrawn by the applicant');
  // Re-read: a branch may have opened its task between the first read and the stop.
  await cancelOpenTasks(ctx, app, (await ctx.apps.getWithTasks(app.id)).tasks, 'withdrawn', actor);
  if (app.gsi4pk === pendingPk('stop')) await ctx.apps.unmark(app.id, 'stop');
}
