import { createHash } from 'node:crypto';
import type { ServiceDefinition } from '../../workflows/types';
import { canonicalJson } from '../audit/canonical';
import type { Principal } from '../auth/principal';
import { ConflictError, InternalError, NotFoundError, ValidationError } from '../errors';
import { applicationField, applicationProblem } from '../i18n';
import { ownApplication } from './access';
import type { Context } from './context';
import { isConditionalCheckFailed, validationFromIssues } from './errors';
import { materialRefErrors, verifyAndStore } from './materials';
import { suspensionsOf, type StoredMaterial, type StoredSupplementRequest, type TaskRecord } from './records';
import { settle } from './redeliver';
import type { ApplicationView, SupplementRequest } from './schemas';
import { branchDates } from './timing';
import { applicationView } from './views';

/**
 * `POST /v1/applications/{id}/supplements`: the applicant answers a branch's request. The
 * branch's clock was suspended from the request to now, so its due date moves later; the
 * move is logged with its reason, and the new dates go to the waiting branch via its token.
 * Steps: verify + copy the uploads -> amend the application -> record the answer on the task
 * (marked undelivered) -> `settle` (log, deliver, unmark). The same answer again replays the
 * tail and answers as the first did; another answer once the branch moved on -> 409.
 */
export async function provideSupplement(ctx: Context, p: Principal, id: string, req: SupplementRequest): Promise<ApplicationView> {
  const requestHash = createHash('sha256').update(canonicalJson(req)).digest('hex');
  const { application, tasks } = await ctx.apps.getWithTasks(id);
  const app = ownApplication(p, application, id);
  const def = ctx.catalog.getServiceVersion(app.serviceId, app.serviceVersion);
  if (!def.departments.some((d) => d.id === req.department)) {
    throw new ValidationError([applicationField('department', 'department-unknown', { serviceId: def.id, department: req.department })]);
  }
  const task = tasks.find((t) => t.department === req.department);
  if (task && isAnsweredBy(task, requestHash)) return replay(ctx, def, id, task);
  if (app.status !== 'submitted') throw new ConflictError(applicationProblem('application-not-in-review', { id, status: app.status }));
  if (!task || task.status !== 'supplement-required')
    throw new ConflictError(applicationProblem('supplement-not-requested', { department: req.department }));

  let form = app.form;
  const refErrors = materialRefErrors(def, req.materials ?? []);
  if (req.form) {
    const merged = def.form.safeParse(mergeForm(app.form, req.form), { reportInput: true });
    if (!merged.success) throw new ValidationError([...validationFromIssues(merged.error.issues, 'form').errors, ...refErrors]);
    form = merged.data as Record<string, unknown>;
  }
  if (refErrors.length) throw new ValidationError(refErrors);
  const added = await verifyAndStore(ctx, def, p, id, req.materials ?? []);
  if (req.form || added.length) await amend(ctx, id, form, mergeMaterials(app.materials, added));

  const now = ctx.clock.now();
  const index = task.supplementRequests.length - 1;
  const request = task.supplementRequests[index];
  if (!request) throw new InternalError(`task ${task.taskId} waits for a supplement but records no request`);
  const suspensions = [...suspensionsOf(task), { from: new Date(request.requestedAt), to: now }];
  const dates = branchDates(ctx.calendar, def, task.department, new Date(task.openedAt), suspensions);
  const answered = {
    ...request,
    providedAt: now.toISOString(),
    ...(req.note !== undefined ? { note: req.note } : {}),
    materials: added.map((m) => m.materialId),
    fields: Object.keys(req.form ?? {}),
    dueBefore: task.dueAt,
    providedBy: { role: p.role, sub: p.sub },
    requestHash,
  } satisfies StoredSupplementRequest;
  let updated: TaskRecord;
  try {
    const overdue = now.toISOString() >= dates.dueAt;
    updated = await ctx.tasks.provideSupplement(id, task.department, {
      index,
      answered,
      dueAt: dates.dueAt,
      warnAt: dates.warnAt,
      overdue,
      taskId: task.taskId,
    });
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    // A concurrent copy of this same answer recorded it first: answer as it does.
    const current = await ctx.tasks.get(id, task.department);
    if (current && isAnsweredBy(current, requestHash)) return replay(ctx, def, id, current);
    throw new ConflictError(applicationProblem('supplement-not-requested', { department: req.department }));
  }
  return replay(ctx, def, id, updated);
}

/** Whether the branch's latest request was answered by a request with this body. */
const isAnsweredBy = (task: TaskRecord, requestHash: string) => {
  const last = task.supplementRequests.at(-1);
  return last?.providedAt !== undefined && last.requestHash === requestHash;
};

/** The tail after the answer is recorded (also the whole of a repeated request): settle, then the view. */
async function replay(ctx: Context, def: ServiceDefinition, id: string, task: TaskRecord): Promise<ApplicationView> {
  await settle(ctx, task);
  const [fresh, events] = await Promise.all([ctx.apps.getWithTasks(id), ctx.log.list(id)]);
  if (!fresh.application) throw new NotFoundError(applicationProblem('application-not-found', { id }));
  return applicationView(def, fresh.application, fresh.tasks, events, { kind: 'applicant' }, ctx.clock.now(), ctx.calendar);
}

async function amend(ctx: Context, id: string, form: Record<string, unknown>, materials: StoredMaterial[]) {
  try {
    await ctx.apps.amend(id, form, materials);
  } catch (error) {
    if (isConditionalCheckFailed(error)) throw new ConflictError(applicationProblem('application-finished', { id }));
    throw error;
  }
}

/** Supplemented fields replace the stored ones; nested objects merge, arrays are replaced. */
export function mergeForm(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    const old = out[k];
    const bothObjects = [old, v].every((x) => x !== null && typeof x === 'object' && !Array.isArray(x));
    out[k] = bothObjects ? mergeForm(old as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

const mergeMaterials = (base: StoredMaterial[], added: StoredMaterial[]) => [
  ...base.filter((m) => !added.some((a) => a.materialId === m.materialId)),
  ...added,
];
