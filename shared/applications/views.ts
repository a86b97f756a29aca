import { isStaged } from '../../workflows/stages';
import type { DepartmentSpec, ServiceDefinition } from '../../workflows/types';
import type { WorkingCalendar } from '../calendar';
import type { TimingEvent } from '../audit/types';
import { maskIdNumber, maskName } from '../identity';
import type { Reader } from './access';
import type { ApplicationRecord, StoredSupplementRequest, TaskRecord } from './records';
import { labelledResults } from './results';
import { stageClocks, stagedDueAt, type BranchClock } from './stage-clock';
import type {
  ApplicationResult,
  ApplicationStatus,
  ApplicationSummary,
  ApplicationView,
  BranchView,
  TaskDetail,
  TaskSummary,
} from './schemas';

/**
 * Mappers from stored items to API views. They whitelist fields: the task token, the owner's
 * sub, the request hash and the raw `onBehalfOf` never leave through here.
 */

/** The shown status: the stored terminal one, else derived from the tasks (docs/DESIGN.md). */
export function applicationStatus(app: ApplicationRecord, tasks: TaskRecord[]): ApplicationStatus {
  if (app.status !== 'submitted') return app.status;
  if (tasks.some((t) => t.status === 'supplement-required')) return 'supplement-required';
  return tasks.length > 0 ? 'in-review' : 'submitted';
}

/** The combined due date: the latest of the branches' (planned at submission until they open). */
export const combinedDueAt = (app: ApplicationRecord, tasks: TaskRecord[]): string =>
  [app.dueAt, ...tasks.map((t) => t.dueAt)].reduce((a, b) => (b > a ? b : a));

/**
 * The combined due date as shown: flat services as above; a staged one in progress along its
 * stages (projected for branches not yet open, docs/CALENDAR.md), once final from its tasks.
 */
export function applicationDueAt(
  def: ServiceDefinition,
  calendar: Pick<WorkingCalendar, 'dueAt'>,
  app: ApplicationRecord,
  tasks: TaskRecord[],
  now: Date,
): string {
  if (!isStaged(def)) return combinedDueAt(app, tasks);
  // Final: the branches that opened; those that never did have no due date any more.
  if (app.status !== 'submitted') return tasks.map((t) => t.dueAt).reduce((a, b) => (b > a ? b : a), tasks[0]?.dueAt ?? app.dueAt);
  return stagedDueAt(stageClocks(def, calendar, new Date(app.submittedAt), tasks, now));
}

export const isOverdue = (task: TaskRecord, now: Date): boolean =>
  task.overdue || (task.status === 'open' && now.toISOString() >= task.dueAt);

const supplementView = (r: StoredSupplementRequest) => ({
  requestedAt: r.requestedAt,
  missing: r.missing,
  ...(r.comment !== undefined ? { comment: r.comment } : {}),
  ...(r.providedAt !== undefined ? { providedAt: r.providedAt } : {}),
  ...(r.note !== undefined ? { note: r.note } : {}),
});

function branchView(
  def: ServiceDefinition,
  dept: DepartmentSpec,
  app: ApplicationRecord,
  task: TaskRecord | undefined,
  now: Date,
  clock: BranchClock | undefined,
): BranchView {
  if (!task) {
    const closed = app.status === 'rejected' || app.status === 'withdrawn' || app.status === 'failed';
    if (closed || !clock) return { department: dept.id, status: closed ? 'cancelled' : 'pending', overdue: false, supplementRequests: [] };
    return {
      department: dept.id,
      status: 'pending',
      overdue: false,
      supplementRequests: [],
      ...(clock.waitingFor.length > 0 ? { waitingFor: clock.waitingFor } : {}),
      projectedDueAt: clock.dueAt,
    };
  }
  return {
    department: dept.id,
    status: task.status,
    openedAt: task.openedAt,
    dueAt: task.dueAt,
    overdue: isOverdue(task, now),
    ...(task.decidedAt !== undefined ? { decidedAt: task.decidedAt } : {}),
    ...(task.decision !== undefined ? { decision: task.decision } : {}),
    ...(task.comment !== undefined ? { comment: task.comment } : {}),
    supplementRequests: task.supplementRequests.map(supplementView),
    ...(task.results !== undefined ? { results: labelledResults(def, task) } : {}),
  };
}

/**
 * What of the application's cross-department parts a reader may see: applicants and
 * inspectors everything, an officer only its own department's branch, events, materials and
 * data-sharing checks (DepartmentSpec.sees, .checks), as in its task view.
 */
interface Scope {
  /** Applicants and inspectors: nothing is filtered. */
  whole: boolean;
  department(dept: string | undefined): boolean;
  material(materialId: string): boolean;
  check(checkId: string): boolean;
  /** Another department's rejection reasons are that department's business. */
  rejectionReasons(rejectedBy: string | undefined): boolean;
}

const everything: Scope = { whole: true, department: () => true, material: () => true, check: () => true, rejectionReasons: () => true };

function scopeOf(def: ServiceDefinition, reader: Reader): Scope {
  if (reader.kind !== 'officer') return everything;
  const spec = def.departments.find((d) => d.id === reader.dept);
  const materials = new Set(spec?.sees.materials ?? []);
  const checks = new Set(spec?.checks ?? []);
  return {
    whole: false,
    department: (dept) => dept === undefined || dept === reader.dept,
    material: (id) => materials.has(id),
    check: (id) => checks.has(id),
    rejectionReasons: (rejectedBy) => rejectedBy === reader.dept,
  };
}

/**
 * An event's detail as the scope allows. Events of a department are shown whole to whoever
 * sees that department; the application-wide ones are rebuilt from known keys, so a detail
 * field added later stays hidden from officers until someone decides who may see it.
 */
function scopedDetail(event: TimingEvent, scope: Scope): Record<string, unknown> | undefined {
  const detail = event.detail;
  if (detail === undefined || scope.whole || event.department !== undefined) return detail;
  if (event.type === 'submitted') {
    const materials = Array.isArray(detail.materials)
      ? detail.materials.filter((m): m is string => typeof m === 'string' && scope.material(m))
      : [];
    const checks = isRecord(detail.checks) ? Object.fromEntries(Object.entries(detail.checks).filter(([id]) => scope.check(id))) : {};
    return { materials, checks, ...(isRecord(detail.onBehalfOf) ? { onBehalfOf: { relation: detail.onBehalfOf.relation } } : {}) };
  }
  if (event.type === 'completed') {
    return { outcome: detail.outcome, ...(detail.rejectedBy !== undefined ? { rejectedBy: detail.rejectedBy } : {}) };
  }
  return undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The application as `reader` may see it: officers get their own branch only (see `Scope`). */
export function applicationView(
  def: ServiceDefinition,
  app: ApplicationRecord,
  tasks: TaskRecord[],
  events: TimingEvent[],
  reader: Reader,
  now: Date,
  calendar: Pick<WorkingCalendar, 'dueAt'>,
): ApplicationView {
  const scope = scopeOf(def, reader);
  // Staged services in progress: the clocks of the branches not yet open (waitingFor, projected dates).
  const clocks = isStaged(def) && app.status === 'submitted' ? stageClocks(def, calendar, new Date(app.submittedAt), tasks, now) : [];
  return {
    id: app.id,
    serviceId: app.serviceId,
    serviceVersion: app.serviceVersion,
    status: applicationStatus(app, tasks),
    submittedAt: app.submittedAt,
    dueAt: applicationDueAt(def, calendar, app, tasks, now),
    ...(app.completedAt !== undefined ? { completedAt: app.completedAt } : {}),
    walkthrough: app.walkthrough,
    ...(app.onBehalfOf
      ? {
          onBehalfOf: {
            name: maskName(app.onBehalfOf.name),
            idNumber: maskIdNumber(app.onBehalfOf.idNumber),
            relation: app.onBehalfOf.relation,
          },
        }
      : {}),
    branches: def.departments
      .filter((d) => scope.department(d.id))
      .map((d) =>
        branchView(
          def,
          d,
          app,
          tasks.find((t) => t.department === d.id),
          now,
          clocks.find((c) => c.department === d.id),
        ),
      ),
    timeline: events
      .filter((e) => scope.department(e.department))
      .map((e) => {
        const detail = scopedDetail(e, scope);
        return {
          at: e.at,
          type: e.type,
          ...(e.department !== undefined ? { department: e.department } : {}),
          actor: { role: e.actor.role },
          ...(e.dueAt !== undefined ? { dueAt: e.dueAt } : {}),
          ...(e.workingDaysUsed !== undefined ? { workingDaysUsed: e.workingDaysUsed } : {}),
          ...(detail !== undefined ? { detail } : {}),
        };
      }),
    ...(app.result !== undefined ? { result: scopedResult(app.result, scope) } : {}),
    sharedDataChecks: app.checks
      .filter((c) => scope.check(c.id))
      .map((c) => ({ id: c.id, name: c.name, passed: c.passed, summary: c.summary })),
  };
}

const scopedResult = (result: ApplicationResult, scope: Scope): ApplicationResult => {
  if (result.reasons === undefined || scope.rejectionReasons(result.rejectedBy)) return result;
  const { reasons: _hidden, ...rest } = result;
  return rest;
};

/** A list entry; `tasks` are needed only while the stored status is not final (see `applicationStatus`). */
export const applicationSummary = (
  app: ApplicationRecord,
  tasks: TaskRecord[] = [],
  dueAt = combinedDueAt(app, tasks),
): ApplicationSummary => ({
  id: app.id,
  serviceId: app.serviceId,
  status: applicationStatus(app, tasks),
  submittedAt: app.submittedAt,
  dueAt,
  walkthrough: app.walkthrough,
});

export const taskSummary = (task: TaskRecord, now: Date): TaskSummary => ({
  taskId: task.taskId,
  applicationId: task.applicationId,
  serviceId: task.serviceId,
  department: task.department,
  status: task.status,
  openedAt: task.openedAt,
  dueAt: task.dueAt,
  overdue: isOverdue(task, now),
  walkthrough: task.walkthrough,
  ...(task.probe ? { probe: true } : {}),
});

/** Only the form fields (dotted paths) the department may see, nested as in the form. */
export function pickFields(form: Record<string, unknown>, paths: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const path of paths) {
    const segments = path.split('.');
    let source: unknown = form;
    for (const s of segments) source = source !== null && typeof source === 'object' ? (source as Record<string, unknown>)[s] : undefined;
    if (source === undefined) continue;
    let target = out;
    for (const s of segments.slice(0, -1)) target = (target[s] ??= {}) as Record<string, unknown>;
    target[segments[segments.length - 1]!] = source; // split() returns at least one segment
  }
  return out;
}

/** The task with exactly what its department may see (DepartmentSpec.sees, .checks). */
export function taskDetail(def: ServiceDefinition, app: ApplicationRecord, task: TaskRecord, now: Date): TaskDetail {
  const dept = def.departments.find((d) => d.id === task.department);
  const sees = dept?.sees ?? { fields: [], materials: [] };
  const checks = new Set(dept?.checks ?? []);
  return {
    ...taskSummary(task, now),
    ...(task.decision !== undefined ? { decision: task.decision } : {}),
    ...(task.decidedAt !== undefined ? { decidedAt: task.decidedAt } : {}),
    ...(task.comment !== undefined ? { comment: task.comment } : {}),
    supplementRequests: task.supplementRequests.map(supplementView),
    form: pickFields(app.form, sees.fields),
    materials: app.materials
      .filter((m) => sees.materials.includes(m.materialId))
      .map((m) => ({
        materialId: m.materialId,
        name: def.materials.find((s) => s.id === m.materialId)?.name ?? { zh: m.materialId, en: m.materialId },
        sizeBytes: m.sizeBytes,
        contentType: m.contentType,
      })),
    checks: app.checks
      .filter((c) => checks.has(c.id))
      .map((c) => ({ id: c.id, name: c.name, passed: c.passed, summary: c.summary, detail: c.detail })),
    ...(task.results !== undefined ? { results: labelledResults(def, task) } : {}),
    handedForward: [],
  };
}
