/**
 * Anomalies (PRODUCT.md "Supervision"), from application facts; thresholds are configuration
 * with the product's defaults. Pure except for the calendar passed in. `tamper` findings come
 * from verify and are added by the service.
 */
import type { WorkingCalendar } from '../calendar';
import type { ApplicationFacts } from './facts';
import { cstDateOf, cstMinuteOfDay } from './period';
import { isOverdueOpen } from './timeliness';

export const ANOMALY_KINDS = [
  'overdue',
  'repeated-supplement',
  'rubber-stamp',
  'off-hours',
  'resubmission',
  'bad-review-unanswered',
  'tamper',
] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

export interface Anomaly {
  kind: AnomalyKind;
  applicationId: string;
  department?: string;
  at: string;
  detail: Record<string, unknown>;
}

export interface AnomalyThresholds {
  /** An approval sooner than this after the branch (re)opened is a rubber stamp. */
  rubberStampSeconds: number;
  /** Working hours, CST minutes of day: [start, end). */
  workdayStartMinute: number;
  workdayEndMinute: number;
  /** A new application of the same applicant and service within this many working days. */
  resubmissionWorkingDays: number;
}

export const DEFAULT_THRESHOLDS: AnomalyThresholds = {
  rubberStampSeconds: 60,
  workdayStartMinute: 8 * 60,
  workdayEndMinute: 18 * 60,
  resubmissionWorkingDays: 10,
};

/** Stable order for listing and cursors: time, then application, kind, department. */
export const anomalyKey = (a: Anomaly): string =>
  `${a.at}#${a.applicationId}#${a.kind}#${a.department ?? ''}#${String(a.detail.seq ?? a.detail.round ?? '')}`;

/**
 * The anomalies of `apps` (those submitted in the period). `history` holds the same applicant's
 * earlier applications too (for `resubmission`, which looks back before the period).
 */
export function anomaliesOf(
  apps: readonly ApplicationFacts[],
  history: readonly ApplicationFacts[],
  calendar: Pick<WorkingCalendar, 'isWorkingDay' | 'workingDaysUsed'>,
  now: Date,
  t: AnomalyThresholds = DEFAULT_THRESHOLDS,
): Anomaly[] {
  const at = now.toISOString();
  const out: Anomaly[] = [];
  // History by applicant and service: a city's year has ~10^5 applications on each side.
  const sameApplicant = new Map<string, ApplicationFacts[]>();
  for (const h of history) {
    const k = `${h.applicant ?? ''}\n${h.serviceId}`;
    const list = sameApplicant.get(k);
    if (list) list.push(h);
    else sameApplicant.set(k, [h]);
  }
  for (const app of apps) {
    const id = app.applicationId;
    for (const b of app.branches) {
      const department = b.department;
      if (b.decision && b.decision.at > b.decision.dueAt)
        out.push({
          kind: 'overdue',
          applicationId: id,
          department,
          at: b.decision.dueAt,
          detail: { dueAt: b.decision.dueAt, decidedAt: b.decision.at },
        });
      else if (isOverdueOpen(b, at))
        out.push({ kind: 'overdue', applicationId: id, department, at: b.dueAt, detail: { dueAt: b.dueAt, open: true } });
      for (const r of b.supplementRequests)
        if (r.round >= 2) out.push({ kind: 'repeated-supplement', applicationId: id, department, at: r.at, detail: { round: r.round } });
      for (const d of b.decisions) {
        // Probe auto-approvals are the system's, not an officer's: neither a stamp nor off-hours.
        if (d.actorRole === 'system' || d.probe) continue;
        const seconds = (Date.parse(d.at) - Date.parse(d.reopenedAt)) / 1000;
        if (d.decision === 'approve' && seconds < t.rubberStampSeconds)
          out.push({ kind: 'rubber-stamp', applicationId: id, department, at: d.at, detail: { seconds: Math.round(seconds * 10) / 10 } });
        const day = cstDateOf(d.at);
        const minute = cstMinuteOfDay(d.at);
        const workingDay = calendar.isWorkingDay(day);
        if (!workingDay || minute < t.workdayStartMinute || minute >= t.workdayEndMinute)
          out.push({
            kind: 'off-hours',
            applicationId: id,
            department,
            at: d.at,
            detail: { decision: d.decision, cstDate: day, workingDay },
          });
      }
    }
    for (const e of app.evaluations)
      if (e.followUpDueAt !== undefined && e.followedUpAt === undefined && at > e.followUpDueAt)
        out.push({
          kind: 'bad-review-unanswered',
          applicationId: id,
          at: e.followUpDueAt,
          detail: { evaluationId: e.evaluationId, level: e.level },
        });
    const earlier = (sameApplicant.get(`${app.applicant ?? ''}\n${app.serviceId}`) ?? []).filter(
      (h) =>
        h.applicationId !== id &&
        h.applicant !== undefined &&
        h.applicant === app.applicant &&
        // A walk-through never makes a real application a resubmission.
        (app.walkthrough || !h.walkthrough) &&
        h.serviceId === app.serviceId &&
        (h.outcome === 'withdrawn' || h.outcome === 'rejected') &&
        h.endedAt !== undefined &&
        h.endedAt <= app.submittedAt &&
        calendar.workingDaysUsed(new Date(h.endedAt), new Date(app.submittedAt)) <= t.resubmissionWorkingDays,
    );
    const previous = earlier.sort((a, b) => (a.endedAt! < b.endedAt! ? 1 : -1))[0];
    if (previous)
      out.push({
        kind: 'resubmission',
        applicationId: id,
        at: app.submittedAt,
        detail: { previous: previous.applicationId, previousOutcome: previous.outcome, previousEndedAt: previous.endedAt },
      });
  }
  return out.sort((a, b) => (anomalyKey(a) < anomalyKey(b) ? -1 : 1));
}
