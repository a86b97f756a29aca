import { getServiceVersion } from '../../workflows/catalog';
import { maxEscalations } from '../../workflows/defaults';
import { decidedEvents, pendingResult, supplementEvents } from './branch-events';
import type { Context } from './context';
import { deliver } from './executions';
import type { TaskRecord } from './records';
import { nextCheckpointAt } from './timing';

/**
 * Delivers a result recorded on the task (a decision, or the answer to a supplement request)
 * through `token`, after making sure its timing-log events exist. Used by the branch's next
 * wait and by reconcile: re-sending is always safe, since a token takes one result at most.
 */
export async function deliverPending(ctx: Context, task: TaskRecord, token: string, kind: TaskRecord['tokenKind']): Promise<'delivered' | 'stale' | 'none'> {
  const pending = pendingResult(task, kind);
  if (!pending) return 'none';
  let output: object;
  if (pending === 'decision') {
    await ctx.log.appendAll(task.applicationId, decidedEvents(ctx, task));
    output = { decision: task.decision };
  } else {
    const by = task.supplementRequests.at(-1)?.providedBy ?? { role: 'citizen' };
    await ctx.log.appendAll(task.applicationId, supplementEvents(ctx, task, by));
    const def = getServiceVersion(task.serviceId, task.serviceVersion);
    output = { dueAt: task.dueAt, warnAt: task.warnAt, nextCheckpointAt: nextCheckpointAt(task, ctx.clock.now(), def.escalateEveryHours, maxEscalations(def)) };
  }
  return deliver(ctx.sfn, ctx.logger, token, output, { applicationId: task.applicationId, department: task.department });
}
