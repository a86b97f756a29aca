/**
 * Inspector periods: `from`/`to` are China Standard Time calendar days, both included
 * (HTTP-API.md "Discipline inspector"). The timing log's by-day index is keyed by the UTC
 * day of `at`, so a CST period maps to an instant range and to the UTC days that cover it.
 */
import { cstDayOf, dateToDay, dayToDate } from '../calendar/cst';

const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;

export interface Period {
  from: string;
  to: string;
  /** First instant of `from` (00:00 CST), RFC 3339 UTC. */
  startAt: string;
  /** First instant AFTER `to` (24:00 CST), exclusive. */
  endAt: string;
}

/** The period of two CST dates; undefined when either is not a real date. */
export function periodOf(from: string, to: string): Period | undefined {
  const a = dateToDay(from);
  const b = dateToDay(to);
  if (a === undefined || b === undefined) return undefined;
  return {
    from,
    to,
    startAt: new Date(a * DAY_MS - CST_OFFSET_MS).toISOString(),
    endAt: new Date((b + 1) * DAY_MS - CST_OFFSET_MS).toISOString(),
  };
}

/** Number of CST days in a period (both ends included). */
export const periodDays = (p: Pick<Period, 'from' | 'to'>): number => (dateToDay(p.to) ?? 0) - (dateToDay(p.from) ?? 0) + 1;

/** The UTC days (`YYYY-MM-DD`) whose by-day partitions hold events of the instant range. */
export function utcDaysCovering(startAt: string, endAt: string): string[] {
  const days: string[] = [];
  const first = Math.floor(Date.parse(startAt) / DAY_MS);
  const last = Math.floor((Date.parse(endAt) - 1) / DAY_MS);
  for (let d = first; d <= last; d++) days.push(new Date(d * DAY_MS).toISOString().slice(0, 10));
  return days;
}

/** `YYYY-MM-DD` of the CST day containing an RFC 3339 instant. */
export const cstDateOf = (at: string): string => dayToDate(cstDayOf(new Date(at)));

/** Minutes of day in CST (0..1439) of an instant. */
export const cstMinuteOfDay = (at: string): number => Math.floor(((Date.parse(at) + CST_OFFSET_MS) % DAY_MS) / 60_000);

/** The CST months (`YYYY-MM`) from the period's first day's to `now`'s, ascending. */
export function cstMonthsFrom(period: Pick<Period, 'from'>, now: Date): string[] {
  const months: string[] = [];
  const last = cstDateOf(now.toISOString()).slice(0, 7);
  for (let d = dateToDay(period.from)!; ; d++) {
    const m = dayToDate(d).slice(0, 7);
    if (m > last) break;
    if (months.at(-1) !== m) months.push(m);
  }
  return months;
}
