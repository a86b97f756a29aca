import { NotFoundError } from '../../errors';
import type { Context } from '../context';
import { isConditionalCheckFailed } from '../errors';
import { openedEvent } from '../branch-events';
import { settle } from '../redeliver';
import { keys, taskId } from '../ids';
import type { ApplicationRecord, TaskRecord } from '../records';
import type { TaskAwaitInput } from './schemas';
import { deliveryMark } from '../pending';
import { PROBE_DECIDER } from '../branch-events';

/** What happened to this wait: its token is stored (`waiting`), was answered at once, or the branch is closed. */
export type TaskAwaitOutcome = 'waiting' | 'delivered' | 'closed';

/**
 * Body of every `.waitForTaskToken` state of a branch. The first call opens the task; later
 * ones store the new token. A decision (or supplement) recorded while no token could take it
 * (the old one timed out at a checkpoint, or the API crashed before delivering) is delivered
 * to the new token right away: the delivery protocol of docs/DESIGN.md.
 */
export async function taskAwait(ctx: Context, input: TaskAwaitInput): Promise<{ outcome: TaskAwaitOutcome }> {
  const { applicationId: id, department: dept } = input;
  // One Query for the application and its tasks: the first wait needs both (two Gets before).
  const { application, tasks } = await ctx.apps.getWithTasks(id);
  if (!tasks.some((t) => t.department === dept)) {
    // The schema guarantees both instants for a decision wait; a supplement wait never opens.
    if (input.kind !== 'decision' || !input.dueAt || !input.warnAt) {
      throw new NotFoundError(`task ${dept} of ${id} is not open: a supplement wait needs an open task`);
    }
    if (!application) throw new NotFoundError(`application ${id} not found`);
    const opened = await open(ctx, application, input, { dueAt: input.dueAt, warnAt: input.warnAt });
    if (opened === 'closed') return { outcome: opened };
    // A probe's branch was opened already decided: deliver the system's approval at once.
    if (opened !== 'exists') return { outcome: opened.probe && (await settle(ctx, opened)) === 'delivered' ? 'delivered' : 'waiting' };
  }
  let task: TaskRecord;
  try {
    task = await ctx.tasks.replaceToken(id, dept, input.token, input.kind);
  } catch (error) {
    if (isConditionalCheckFailed(error)) return { outcome: 'closed' };
    throw error;
  }
  if (input.kind === 'decision' && task.supplementRequests.length === 0) await logOpened(ctx, task);
  // The item as this write left it: its token and kind are this wait's.
  const result = await settle(ctx, task);
  return { outcome: result === 'delivered' ? 'delivered' : 'waiting' };
}

/**
 * Opens the branch's task (conditional put); `exists` when another call opened it first. This
 * is the one place where any branch opens, so a probe's branch is decided here: the same put
 * stores the system's approval (and the undelivered mark), so no officer ever sees it open.
 */
async function open(
  ctx: Context,
  app: ApplicationRecord,
  input: TaskAwaitInput,
  dates: { dueAt: string; warnAt: string },
): Promise<TaskRecord | 'closed' | 'exists'> {
  if (app.status !== 'submitted') return 'closed';
  const id = taskId(app.id, input.department);
  const openedAt = ctx.clock.now().toISOString();
  const opened: TaskRecord = {
    ...keys.task(app.id, input.department),
    taskId: id,
    applicationId: app.id,
    serviceId: app.serviceId,
    serviceVersion: app.serviceVersion,
    department: input.department,
    walkthrough: app.walkthrough,
    ownerSub: app.ownerSub,
    status: 'open',
    openedAt,
    dueAt: dates.dueAt,
    warnAt: dates.warnAt,
    overdue: false,
    token: input.token,
    tokenKind: 'decision',
    supplementRequests: [],
    gsi3pk: keys.inbox(input.department, 'open'),
    gsi3sk: `${dates.dueAt}#${id}`,
  };
  const task = app.walkthroughMode === 'probe' ? probeApproved(opened) : opened;
  // Logged before the task becomes visible, so that no decision can precede it in the log.
  await logOpened(ctx, task);
  try {
    await ctx.tasks.create(task);
  } catch (error) {
    if (isConditionalCheckFailed(error)) return 'exists';
    throw error;
  }
  return task;
}

/** A probe's branch as the system approves it on opening: decided, in the done inbox, marked undelivered. */
function probeApproved(task: TaskRecord): TaskRecord {
  return {
    ...task,
    probe: true,
    status: 'approved',
    decision: 'approve',
    decidedAt: task.openedAt,
    decidedBy: PROBE_DECIDER,
    gsi3pk: keys.inbox(task.department, 'done'),
    ...deliveryMark(task.openedAt, task.taskId, 'd0'),
  };
}

/** Ensures the branch's `branch-opened` (intake normally logged it already: no write then). */
const logOpened = (ctx: Context, task: TaskRecord) => ctx.log.ensure(task.applicationId, openedEvent(task));
