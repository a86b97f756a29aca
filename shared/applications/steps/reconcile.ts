import type { Context } from '../context';
import { executionExists, startExecution } from '../executions';
import type { ApplicationRecord } from '../records';
import { deliverPending } from '../redeliver';

const LOOK_BACK_MS = 24 * 3_600_000;

/**
 * Repair after a crash, for the unfinished applications of the last day (docs/DESIGN.md
 * "Crash consistency"): an application stored but not started gets its `submitted` event and
 * its execution; a result recorded on a task but maybe never delivered (crash between the
 * write and SendTaskSuccess) is logged and sent again through the stored token, which is
 * harmless when it did arrive. Runs at local start and on a schedule on AWS.
 *
 * @returns how many executions it started
 */
export async function reconcile(ctx: Context): Promise<number> {
  const now = ctx.clock.now();
  const from = new Date(now.getTime() - LOOK_BACK_MS).toISOString();
  const days = [...new Set([from.slice(0, 10), now.toISOString().slice(0, 10)])];
  const apps = (await Promise.all(days.map((d) => ctx.apps.listByDay(d, from)))).flat();
  let started = 0;
  for (const app of apps.filter((a) => a.status === 'submitted')) {
    if (await executionExists(ctx.sfn, ctx.config, app)) {
      await redeliverRecorded(ctx, app);
      continue;
    }
    await ctx.log.append(app.id, {
      key: 'submitted',
      type: 'submitted',
      actor: { role: app.submittedAs, sub: app.ownerSub },
      serviceId: app.serviceId,
      walkthrough: app.walkthrough,
      dueAt: app.dueAt,
    });
    await startExecution(ctx.sfn, ctx.config, app);
    ctx.logger.info('reconcile started a missing execution', { applicationId: app.id, serviceId: app.serviceId });
    started++;
  }
  return started;
}

async function redeliverRecorded(ctx: Context, app: ApplicationRecord): Promise<void> {
  const { tasks } = await ctx.apps.getWithTasks(app.id);
  for (const task of tasks) {
    const result = await deliverPending(ctx, task, task.token, task.tokenKind);
    if (result === 'delivered') ctx.logger.info('reconcile delivered a recorded result', { applicationId: app.id, department: task.department });
  }
}
