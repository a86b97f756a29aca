import { getServiceVersion } from '../../workflows/catalog';
import type { Actor } from '../audit/types';
import type { Principal } from '../auth/principal';
import { ConflictError } from '../errors';
import { ownApplication } from './access';
import type { Context } from './context';
import { isConditionalCheckFailed } from './errors';
import { stopExecution } from './executions';
import type { ApplicationRecord, TaskRecord } from './records';
import type { ApplicationView } from './schemas';
import { applicationView } from './views';

/**
 * Cancels every task still open or waiting for a supplement, logging `cancelled` for each.
 * Idempotent: a task already closed is skipped, a repeated log entry is not duplicated.
 */
export async function cancelOpenTasks(ctx: Context, app: ApplicationRecord, tasks: TaskRecord[], because: string, actor: Actor): Promise<void> {
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
}

/**
 * `POST /v1/applications/{id}/withdraw`: status -> log -> StopExecution -> cancel open tasks
 * (docs/DESIGN.md). Every step is idempotent, so withdrawing again re-runs the tail.
 */
export async function withdraw(ctx: Context, p: Principal, id: string): Promise<ApplicationView> {
  let app = ownApplication(p, await ctx.apps.get(id), id);
  const now = ctx.clock.now();
  if (app.status === 'approved' || app.status === 'rejected' || app.status === 'failed') throw new ConflictError(`application ${id} is already ${app.status}`);
  if (app.status === 'submitted') {
    try {
      await ctx.apps.complete(id, 'withdrawn', now.toISOString());
      app = { ...app, status: 'withdrawn', completedAt: now.toISOString() };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const current = await ctx.apps.get(id);
      if (current?.status !== 'withdrawn') throw new ConflictError(`application ${id} is already ${current?.status ?? 'gone'}`);
      app = current;
    }
  }
  const actor = { role: p.role, sub: p.sub };
  await ctx.log.append(id, { key: 'withdrawn', type: 'withdrawn', actor, serviceId: app.serviceId, walkthrough: app.walkthrough });
  await stopExecution(ctx.sfn, ctx.config, app, 'withdrawn by the applicant');
  // Re-read: a branch may have opened its task between the first read and the stop.
  await cancelOpenTasks(ctx, app, (await ctx.apps.getWithTasks(id)).tasks, 'withdrawn', actor);
  const [fresh, events] = await Promise.all([ctx.apps.getWithTasks(id), ctx.log.list(id)]);
  const def = getServiceVersion(app.serviceId, app.serviceVersion);
  return applicationView(def, fresh.application ?? app, fresh.tasks, events, { kind: 'applicant' }, now);
}
