import { maxEscalations } from '../../../workflows/defaults';
import { NotFoundError } from '../../errors';
import type { Metrics } from '../../observability/metrics';
import type { Context } from '../context';
import { isConditionalCheckFailed } from '../errors';
import { suspensionsOf } from '../records';
import { escalationPeriod, nextCheckpointAt } from '../timing';
import type { CheckpointInput } from './schemas';

/** The branch's schedule as the state machine keeps it (the task item is its source). */
export interface BranchSchedule {
  dueAt: string;
  warnAt: string;
  nextCheckpointAt: string;
}

/**
 * A branch's decision wait timed out at a checkpoint. From `warnAt`: `warned` (once per due
 * date). From `dueAt`: the task is flagged overdue, `warned` (if still missing) and `overdue`
 * are logged once, `escalated` once per escalation period up to the service's cap, and the
 * OverdueTasks metric is emitted at every overdue checkpoint. The task stays open. Returns
 * the branch's schedule from the task item, with the next checkpoint.
 */
export async function checkpoint(ctx: Context, metrics: Metrics, input: CheckpointInput): Promise<BranchSchedule> {
  const { applicationId: id, department: dept } = input;
  const task = await ctx.tasks.get(id, dept);
  if (!task) throw new NotFoundError(`task ${dept} of ${id} not found`);
  const def = ctx.catalog.getServiceVersion(task.serviceId, task.serviceVersion);
  const cap = maxEscalations(def);
  const now = ctx.clock.now();
  const at = now.toISOString();
  // Only a task waiting for its officer is checked: decided ones are being delivered, and a
  // branch waiting for the applicant has its clock suspended.
  if (task.status === 'open') {
    const common = {
      actor: { role: 'system' },
      serviceId: task.serviceId,
      walkthrough: task.walkthrough,
      department: dept,
      dueAt: task.dueAt,
      workingDaysUsed: ctx.calendar.workingDaysUsed(new Date(task.openedAt), now, suspensionsOf(task)),
    };
    const warned = {
      ...common,
      key: `warned:${dept}:${task.dueAt}`,
      type: 'warned' as const,
      detail: { warnAt: task.warnAt, share: def.warnAtShare },
    };
    if (at >= task.dueAt) {
      if (!task.overdue) await markOverdue(ctx, id, dept);
      const period = escalationPeriod(task.dueAt, now, def.escalateEveryHours);
      const escalation = { escalation: period + 1, everyHours: def.escalateEveryHours, of: cap };
      // The warning threshold is passed too (it may equal the due time, or the checkpoint ran
      // late): `warned` always precedes `overdue`, once per due date. Past the cap, nothing new
      // is logged: the keys make the repeated `warned`/`overdue` no-ops.
      await ctx.log.appendAll(id, [
        warned,
        { ...common, key: `overdue:${dept}:${task.dueAt}`, type: 'overdue' },
        ...(period < cap
          ? [{ ...common, key: `escalated:${dept}:${task.dueAt}:${period}`, type: 'escalated' as const, detail: escalation }]
          : []),
      ]);
      // Walk-throughs and probes stay out of the officers' overdue figures (a late probe is the probe sweep's alarm).
      if (!task.walkthrough) metrics.overdueTask(dept);
    } else if (at >= task.warnAt) {
      await ctx.log.append(id, warned);
    }
  }
  return { dueAt: task.dueAt, warnAt: task.warnAt, nextCheckpointAt: nextCheckpointAt(task, now, def.escalateEveryHours, cap) };
}

async function markOverdue(ctx: Context, id: string, dept: string): Promise<void> {
  try {
    await ctx.tasks.markOverdue(id, dept);
  } catch (error) {
    // Already flagged, or decided meanwhile: either way nothing to change.
    if (!isConditionalCheckFailed(error)) throw error;
  }
}
