import type { Principal } from '../auth/principal';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import type { Context } from './context';
import { isConditionalCheckFailed } from './errors';
import { parseTaskId } from './ids';
import type { TaskRecord } from './records';
import { settle } from './redeliver';
import type { DecisionRequest, DecisionResult, TaskDetail, TaskSummary } from './schemas';
import { taskDetail, taskSummary } from './views';

/**
 * `GET /v1/departments/{dept}/tasks`: only officers of that department; soonest due first.
 * The edge admits officers only (functions/api/contract.ts); which department is checked here.
 */
export async function inbox(
  ctx: Context,
  p: Principal,
  dept: string,
  q: { status: 'open' | 'overdue' | 'done' | 'waiting'; limit: number; cursor?: string },
): Promise<{ items: TaskSummary[]; nextCursor?: string }> {
  if (p.dept !== dept) throw new ForbiddenError(`officers of ${p.dept ?? 'no department'} may not read the inbox of ${dept}`);
  const now = ctx.clock.now();
  const page = await ctx.tasks.inbox(dept, q.status === 'done' || q.status === 'waiting' ? q.status : 'open', {
    caller: p.sub,
    limit: q.limit,
    ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
    // Overdue = open with a due time before now; gsi3sk is `<dueAt>#<taskId>`.
    ...(q.status === 'overdue' ? { dueBefore: now.toISOString() } : {}),
  });
  return { items: page.items.map((t) => taskSummary(t, now)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

/** The officer's own department's task, or 404 (another department's task is not revealed); the edge admits officers only. */
async function ownTask(ctx: Context, p: Principal, taskId: string): Promise<TaskRecord> {
  const ref = parseTaskId(taskId);
  const task = ref && ref.department === p.dept ? await ctx.tasks.get(ref.applicationId, ref.department) : undefined;
  if (!task) throw new NotFoundError(`task ${taskId} not found`);
  return task;
}

/** `GET /v1/tasks/{taskId}`: the task with only the fields, materials and checks its department sees. */
export async function getTask(ctx: Context, p: Principal, taskId: string): Promise<TaskDetail> {
  const task = await ownTask(ctx, p, taskId);
  const app = await ctx.apps.get(task.applicationId);
  if (!app) throw new NotFoundError(`task ${taskId} not found`);
  return taskDetail(ctx.catalog.getServiceVersion(app.serviceId, app.serviceVersion), app, task, ctx.clock.now());
}

/**
 * `POST /v1/tasks/{taskId}/decision`: record (conditional on the task being open and
 * undecided; marks it undelivered) -> log `decided` -> deliver through the stored token ->
 * remove the mark (`settle`). A stale token leaves the delivery to the branch's next wait;
 * the same decision again replays the tail; another -> 409.
 */
export async function decide(ctx: Context, p: Principal, taskId: string, req: DecisionRequest): Promise<DecisionResult> {
  let task = await ownTask(ctx, p, taskId);
  const now = ctx.clock.now();
  if (task.status === 'open' && task.decision === undefined) {
    try {
      task = await ctx.tasks.recordDecision(task.applicationId, task.department, {
        decision: req.decision,
        at: now.toISOString(),
        by: p.sub,
        round: task.supplementRequests.length,
        taskId: task.taskId,
        ...(req.comment ? { comment: req.comment } : {}),
        ...(req.decision === 'request-supplement'
          ? {
              request: {
                requestedAt: now.toISOString(),
                missing: req.missing ?? [],
                requestedBy: p.sub,
                ...(req.comment ? { comment: req.comment } : {}),
              },
            }
          : {}),
      });
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      task = (await ctx.tasks.get(task.applicationId, task.department)) ?? task;
    }
  }
  if (task.status === 'cancelled') throw new ConflictError(`task ${taskId} was cancelled (${task.cancelledBecause ?? 'closed'})`);
  if (task.decision !== req.decision || task.decidedAt === undefined) {
    throw new ConflictError(`task ${taskId} was already decided: ${task.decision ?? task.status}`);
  }
  await settle(ctx, task);
  return { ...taskSummary(task, now), decision: task.decision, decidedAt: task.decidedAt };
}
