import type { Principal } from '../auth/principal';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { applicationProblem, authProblem } from '../i18n';
import type { Context } from './context';
import { isConditionalCheckFailed } from './errors';
import { parseTaskId } from './ids';
import type { TaskRecord } from './records';
import { settle } from './redeliver';
import type { DecisionRequest, DecisionResult, TaskDetail, TaskSummary } from './schemas';
import { assertResults, handedForwardTo, loggedResults } from './results';
import { taskDetail, taskSummary } from './views';
import { isStaged } from '../../workflows/stages';
import type { DepartmentSpec, ServiceDefinition } from '../../workflows/types';

/**
 * `GET /v1/departments/{dept}/tasks`: only officers of that department; soonest due first.
 * The edge admits officers only (functions/api/contract.ts); which department is checked here.
 */
export async function inbox(
  ctx: Context,
  p: Principal,
  dept: string,
  q: { status: 'open' | 'overdue' | 'done' | 'waiting'; limit: number; cursor?: string; includeTests?: boolean },
): Promise<{ items: TaskSummary[]; nextCursor?: string }> {
  if (p.dept !== dept) throw new ForbiddenError(authProblem('department-not-yours', { dept: p.dept ?? 'no department', inbox: dept }));
  const now = ctx.clock.now();
  const page = await ctx.tasks.inbox(dept, q.status === 'done' || q.status === 'waiting' ? q.status : 'open', {
    caller: p.sub,
    limit: q.limit,
    ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
    // Overdue = open with a due time before now; gsi3sk is `<dueAt>#<taskId>`.
    ...(q.status === 'overdue' ? { dueBefore: now.toISOString(), withTests: q.includeTests === true } : {}),
  });
  return { items: page.items.map((t) => taskSummary(t, now)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

/** The officer's own department's task, or 404 (another department's task is not revealed); the edge admits officers only. */
async function ownTask(ctx: Context, p: Principal, taskId: string): Promise<TaskRecord> {
  const ref = parseTaskId(taskId);
  const task = ref && ref.department === p.dept ? await ctx.tasks.get(ref.applicationId, ref.department) : undefined;
  if (!task) throw new NotFoundError(applicationProblem('task-not-found', { taskId }));
  return task;
}

/**
 * `GET /v1/tasks/{taskId}`: the task with only the fields, materials and checks its department
 * sees, and what the departments of earlier stages approved with.
 */
export async function getTask(ctx: Context, p: Principal, taskId: string): Promise<TaskDetail> {
  const task = await ownTask(ctx, p, taskId);
  const def = ctx.catalog.getServiceVersion(task.serviceId, task.serviceVersion);
  // Only a staged service hands results forward: then one Query reads the application and its other tasks.
  const { application: app, tasks } = isStaged(def)
    ? await ctx.apps.getWithTasks(task.applicationId)
    : { application: await ctx.apps.get(task.applicationId), tasks: [] };
  if (!app) throw new NotFoundError(applicationProblem('task-not-found', { taskId }));
  return { ...taskDetail(def, app, task, ctx.clock.now()), handedForward: handedForwardTo(def, task.department, tasks) };
}

function departmentOf(def: ServiceDefinition, department: string): DepartmentSpec {
  const spec = def.departments.find((d) => d.id === department);
  if (!spec) throw new NotFoundError(`service ${def.id}@${def.version} has no department ${department}`);
  return spec;
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
    // Checked against the application's own version before anything is stored (422 naming results.<field>).
    const dept = departmentOf(ctx.catalog.getServiceVersion(task.serviceId, task.serviceVersion), task.department);
    assertResults(dept, req.decision, req.results);
    try {
      task = await ctx.tasks.recordDecision(task.applicationId, task.department, {
        decision: req.decision,
        at: now.toISOString(),
        by: p.sub,
        round: task.supplementRequests.length,
        taskId: task.taskId,
        ...(req.comment ? { comment: req.comment } : {}),
        ...(req.results && Object.keys(req.results).length > 0
          ? { results: { whole: req.results, logged: loggedResults(dept, req.results) } }
          : {}),
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
  if (task.status === 'cancelled')
    throw new ConflictError(applicationProblem('task-cancelled', { taskId, reason: task.cancelledBecause ?? 'closed' }));
  if (task.decision !== req.decision || task.decidedAt === undefined) {
    throw new ConflictError(applicationProblem('decision-conflict', { taskId, decision: task.decision ?? task.status }));
  }
  await settle(ctx, task);
  return { ...taskSummary(task, now), decision: task.decision, decidedAt: task.decidedAt };
}
