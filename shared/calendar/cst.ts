/**
 * China Standard Time day arithmetic. CST is UTC+8 all year (no DST since 1991), so a CST
 * day is an integer "day number" (days since 1970-01-01 CST) and no time-zone database is
 * needed: that keeps results identical on every host, whatever its TZ or ICU data.
 */
import { CalendarArgumentError } from './errors';

const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 in CST of the day that contains `instant`. */
export function cstDayOf(instant: Date): number {
  return Math.floor((instant.getTime() + CST_OFFSET_MS) / DAY_MS);
}

/** `YYYY-MM-DD` of a day number. */
export function dayToDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Day number of a `YYYY-MM-DD` string, or `undefined` if it is not a real calendar date. */
export function dateToDay(date: string): number | undefined {
  const m = DATE_RE.exec(date);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Date.UTC rolls 2026-02-30 over to March: a round trip exposes impossible dates.
  return dayToDate(ms / DAY_MS) === date ? ms / DAY_MS : undefined;
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The calendar year of a day number. */
export function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** The instant at which a CST day ends (24:00 CST = next day's 00:00 CST). */
export function endOfDay(day: number): Date {
  return new Date((day + 1) * DAY_MS - CST_OFFSET_MS);
}

/**
 * The CST calendar date (`YYYY-MM-DD`) of an instant.
 *
 * @example cstDate(new Date('2026-09-30T16:00:00Z')) // '2026-10-01'
 */
export function cstDate(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new CalendarArgumentError('instant', 'invalid Date');
  return dayToDate(cstDayOf(instant));
}
