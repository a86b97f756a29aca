import { CAPPED_RECHECK_HOURS, DEFAULT_MAX_ESCALATIONS } from '../../workflows/defaults';
import type { ServiceDefinition } from '../../workflows/types';
import type { Suspension, WorkingCalendar } from '../calendar';

/** A branch's due and warning instants (ISO), suspensions applied. */
export function branchDates(
  calendar: WorkingCalendar,
  def: ServiceDefinition,
  dept: string,
  openedAt: Date,
  suspensions: Suspension[] = [],
) {
  const spec = def.departments.find((d) => d.id === dept);
  if (!spec) throw new RangeError(`service ${def.id}@${def.version} has no department ${dept}`);
  const due = calendar.dueAt(openedAt, spec.timeLimitWorkingDays, suspensions);
  const warnAt = calendar.warnAt(openedAt, spec.timeLimitWorkingDays, def.warnAtShare, suspensions);
  return { dueAt: due.dueAt.toISOString(), warnAt: warnAt.toISOString(), provisional: due.provisional };
}

/**
 * When the branch's wait should time out next: at `warnAt`, then at `dueAt`, then every
 * `escalateEveryHours` after it for `maxEscalations` escalations, then at most daily (the
 * wait goes on; the history of a long-overdue branch grows by one cycle a day at most).
 * Always later than `now`, so the wait never spins.
 */
export function nextCheckpointAt(
  dates: { dueAt: string; warnAt: string },
  now: Date,
  escalateEveryHours: number,
  maxEscalations = DEFAULT_MAX_ESCALATIONS,
): string {
  const at = now.toISOString();
  if (at < dates.warnAt) return dates.warnAt;
  if (at < dates.dueAt) return dates.dueAt;
  const interval = escalateEveryHours * 3_600_000;
  const due = Date.parse(dates.dueAt);
  const lastEscalation = due + (maxEscalations - 1) * interval;
  const after = (from: number, every: number) => from + (Math.floor((now.getTime() - from) / every) + 1) * every;
  if (now.getTime() < lastEscalation) return new Date(after(due, interval)).toISOString();
  return new Date(after(lastEscalation, Math.max(interval, CAPPED_RECHECK_HOURS * 3_600_000))).toISOString();
}

/** Which escalation period `now` is in (0 = the first interval after the due time). */
export const escalationPeriod = (dueAt: string, now: Date, escalateEveryHours: number): number =>
  Math.floor((now.getTime() - Date.parse(dueAt)) / (escalateEveryHours * 3_600_000));
