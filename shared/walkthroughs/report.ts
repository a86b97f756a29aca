import type { ServiceDefinition } from '../../workflows/types';
import type { TimingEvent } from '../audit/types';
import type { WorkingCalendar } from '../calendar/types';
import { isRequired } from '../applications/materials';
import type { ApplicationRecord } from '../applications/records';
import type { FindingView, Step, WalkthroughReport } from './schemas';

/**
 * The walk-through report, computed from the application's timing log with the definitions
 * of PRODUCT.md "Supervision" (the numbers an inspector computes by hand from the same log):
 * openedAt = the branch's first `branch-opened`, decidedAt = its final decision (approve or
 * reject), workingDaysUsed as the log recorded it at that decision. While a branch is open,
 * the figures run to `now` with the same calendar rule. Findings are events too.
 */
export function walkthroughReport(r: {
  id: string;
  def: ServiceDefinition;
  app: ApplicationRecord;
  status: WalkthroughReport['status'];
  events: readonly TimingEvent[];
  now: Date;
  calendar: WorkingCalendar;
  rectifyWorkingDays: number;
}): WalkthroughReport {
  const findings = findingsOf(r.events, r.calendar, r.rectifyWorkingDays, r.now);
  // When the log says it ended (the status write comes after the event, a moment later).
  const completedAt = r.events.find((e) => ENDED.has(e.type))?.at ?? r.app.completedAt;
  return {
    id: r.id,
    serviceId: r.app.serviceId,
    mode: r.app.walkthroughMode ?? 'live',
    status: r.status,
    startedAt: r.app.submittedAt,
    ...(completedAt ? { completedAt } : {}),
    startedBy: { role: r.app.walkthroughRole ?? r.app.submittedAs },
    applicationId: r.app.id,
    burden: burdenOf(r.def, r.app, r.events),
    steps: r.def.departments.flatMap((d) => stepOf(d, r.events, r.now, r.calendar) ?? []),
    findings,
    overdueFindings: findings.filter((f) => f.overdue).length,
  };
}

/** What the service cost the citizen: fields filled in, materials asked, replaced, uploaded. */
function burdenOf(def: ServiceDefinition, app: ApplicationRecord, events: readonly TimingEvent[]): WalkthroughReport['burden'] {
  const uploads = events
    .filter((e) => e.type === 'submitted' || e.type === 'supplement-provided')
    .reduce((n, e) => n + listLength(e.detail?.materials), 0);
  return {
    formFields: leafCount(app.form),
    requiredMaterials: def.materials.filter((m) => m.required).length,
    replacedBySharedData: def.materials.filter((m) => m.required && m.replacedBySharedData && !isRequired(m, app.checks)).length,
    uploadsNeeded: uploads,
  };
}

const listLength = (v: unknown): number => (Array.isArray(v) ? v.length : 0);

/** Leaf values of a form (nested objects and arrays counted by their leaves). */
function leafCount(v: unknown): number {
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + leafCount(x), 0);
  if (v !== null && typeof v === 'object') return Object.values(v).reduce((n: number, x) => n + leafCount(x), 0);
  return 1;
}

const FINAL = new Set(['approve', 'reject']);
const ENDED = new Set(['completed', 'withdrawn', 'failed']);
const minutes = (from: string, to: string | Date) => Math.round((new Date(to).getTime() - new Date(from).getTime()) / 6000) / 10;

/** One department's step, or undefined when its branch never opened. */
function stepOf(
  dept: ServiceDefinition['departments'][number],
  all: readonly TimingEvent[],
  now: Date,
  calendar: WorkingCalendar,
): Step | undefined {
  const events = all.filter((e) => e.department === dept.id);
  const opened = events.find((e) => e.type === 'branch-opened');
  if (!opened) return undefined;
  const supplementRounds = events.filter((e) => e.type === 'supplement-requested').length;
  const final = events.findLast((e) => e.type === 'decided' && FINAL.has(String(e.detail?.decision)));
  const common = { department: dept.id, openedAt: opened.at, limitWorkingDays: dept.timeLimitWorkingDays, supplementRounds };
  if (final) {
    const dueAt = final.dueAt ?? opened.dueAt ?? final.at;
    return {
      ...common,
      decidedAt: final.at,
      decision: final.detail?.decision as 'approve' | 'reject',
      dueAt,
      workingDaysUsed: final.workingDaysUsed ?? 0,
      elapsedMinutes: minutes(opened.at, final.at),
      withinLimit: final.at <= dueAt,
    };
  }
  // Still open (or closed without a decision of its own): the clock runs to now, or to the cancellation.
  const end = events.find((e) => e.type === 'cancelled')?.at ?? now.toISOString();
  const dueAt = events.findLast((e) => e.dueAt !== undefined)?.dueAt ?? end;
  return {
    ...common,
    dueAt,
    workingDaysUsed: calendar.workingDaysUsed(new Date(opened.at), new Date(end), suspensions(events, end)),
    elapsedMinutes: minutes(opened.at, end),
    withinLimit: end <= dueAt,
  };
}

/** The branch's suspensions: each supplement request until its answer (an unanswered one until `end`). */
function suspensions(events: readonly TimingEvent[], end: string) {
  const requested = events.filter((e) => e.type === 'supplement-requested');
  const provided = events.filter((e) => e.type === 'supplement-provided');
  return requested.map((r, i) => ({ from: new Date(r.at), to: new Date(provided[i]?.at ?? end) }));
}

/** Findings and their rectifications, as logged (`finding-recorded`, `finding-rectified`). */
export function findingsOf(
  events: readonly TimingEvent[],
  calendar: WorkingCalendar,
  rectifyWorkingDays: number,
  now: Date,
): FindingView[] {
  const rectified = new Map(
    events
      .filter((e) => e.type === 'finding-rectified')
      .map((e) => [String(e.detail?.findingId), { at: e.at, note: String(e.detail?.note) }]),
  );
  return events
    .filter((e) => e.type === 'finding-recorded')
    .map((e) => {
      const id = String(e.detail?.findingId);
      const fix = rectified.get(id);
      const rectifyBy = calendar.dueAt(new Date(e.at), rectifyWorkingDays).dueAt.toISOString();
      return {
        id,
        text: String(e.detail?.text),
        severity: e.detail?.severity as FindingView['severity'],
        ...(e.department ? { department: e.department } : {}),
        createdAt: e.at,
        createdBy: { role: e.actor.role },
        rectifyBy,
        overdue: !fix && now.toISOString() > rectifyBy,
        ...(fix ? { rectifiedAt: fix.at, rectification: fix.note } : {}),
      };
    });
}
