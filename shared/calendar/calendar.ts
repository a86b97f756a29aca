/**
 * The working-day calendar built from validated year files. Pure apart from the logger:
 * every result depends only on its arguments and the loaded data.
 */
import { CalendarArgumentError } from './errors';
import { cstDayOf, dateToDay, endOfDay, weekdayOf, yearOf } from './cst';
import type { YearFile } from './schema';
import type { CalendarLogger, DueDate, Suspension, WorkingCalendar } from './types';

/** Upper bound on scanned days: a limit plus suspensions beyond ten years is a caller bug. */
const MAX_SCAN_DAYS = 3660;
/** Absorbs float error, so that 0.7 × 10 = 7.000000000000001 is still 7 working days. */
const SHARE_EPSILON = 1e-9;

/**
 * Builds a calendar from year files (already validated and with distinct years).
 *
 * @example
 * const cal = createWorkingCalendar([file2026], logger);
 * cal.dueAt(new Date('2026-09-30T02:00:00Z'), 5).dueAt // 2026-10-13T16:00:00.000Z
 */
export function createWorkingCalendar(files: YearFile[], logger: CalendarLogger): WorkingCalendar {
  const offDays = new Set<number>();
  const makeUpDays = new Set<number>();
  for (const file of files) {
    for (const h of file.holidays) {
      for (let d = validDay(h.from); d <= validDay(h.to); d++) offDays.add(d);
    }
    for (const w of file.workdays) makeUpDays.add(validDay(w));
  }
  const loadedYears = new Set(files.map((f) => f.year));
  const warnedYears = new Set<number>();

  /** Whether the day's year has data; a year without is warned about once per calendar. */
  const isKnown = (day: number): boolean => {
    const year = yearOf(day);
    if (loadedYears.has(year)) return true;
    if (!warnedYears.has(year)) {
      warnedYears.add(year);
      logger.warn(`no holiday data for ${year}: counting Monday-Friday, results are provisional`, {
        year,
        loadedYears: [...loadedYears].sort((a, b) => a - b),
      });
    }
    return false;
  };

  const isWorking = (day: number): boolean => {
    if (makeUpDays.has(day)) return true;
    if (offDays.has(day)) return false;
    const wd = weekdayOf(day);
    return wd !== 0 && wd !== 6;
  };

  /** The day numbers covered by suspensions, each counted by CST days, both ends included. */
  const suspendedDays = (suspensions: Suspension[] = []): Set<number> => {
    const days = new Set<number>();
    suspensions.forEach((s, i) => {
      checkInstant(`suspensions[${i}].from`, s.from);
      checkInstant(`suspensions[${i}].to`, s.to);
      if (s.to < s.from) throw new CalendarArgumentError(`suspensions[${i}].to`, 'is before `from`');
      const last = cstDayOf(s.to);
      if (last - cstDayOf(s.from) > MAX_SCAN_DAYS) throw new CalendarArgumentError(`suspensions[${i}]`, 'spans more than ten years');
      for (let d = cstDayOf(s.from); d <= last; d++) days.add(d);
    });
    return days;
  };

  /** The day on which the n-th counted working day after `openedAt`'s day falls. */
  const nthWorkingDay = (openedAt: Date, n: number, suspensions?: Suspension[]): { day: number; provisional: boolean } => {
    const skip = suspendedDays(suspensions);
    let provisional = false;
    let counted = 0;
    let day = cstDayOf(openedAt);
    for (let scanned = 0; counted < n; scanned++) {
      if (scanned > MAX_SCAN_DAYS + skip.size) throw new CalendarArgumentError('workingDays', 'no due date within ten years');
      day++;
      if (skip.has(day)) continue;
      if (!isKnown(day)) provisional = true;
      if (isWorking(day)) counted++;
    }
    return { day, provisional };
  };

  return {
    dueAt(openedAt, workingDays, suspensions) {
      checkInstant('openedAt', openedAt);
      checkWorkingDays(workingDays);
      const { day, provisional } = nthWorkingDay(openedAt, workingDays, suspensions);
      return { dueAt: endOfDay(day), provisional } satisfies DueDate;
    },

    workingDaysUsed(openedAt, at, suspensions) {
      checkInstant('openedAt', openedAt);
      checkInstant('at', at);
      if (at < openedAt) throw new CalendarArgumentError('at', 'is before `openedAt`');
      const skip = suspendedDays(suspensions);
      let used = 0;
      for (let day = cstDayOf(openedAt) + 1; day <= cstDayOf(at); day++) {
        if (skip.has(day)) continue;
        isKnown(day);
        if (isWorking(day)) used++;
      }
      return used;
    },

    warnAt(openedAt, workingDays, share, suspensions) {
      checkInstant('openedAt', openedAt);
      checkWorkingDays(workingDays);
      if (!(share > 0 && share <= 1)) throw new CalendarArgumentError('share', `must be in (0, 1], got ${share}`);
      const n = Math.max(1, Math.ceil(share * workingDays - SHARE_EPSILON));
      return endOfDay(nthWorkingDay(openedAt, n, suspensions).day);
    },

    isWorkingDay(cstDate) {
      const day = dateToDay(cstDate);
      if (day === undefined) throw new CalendarArgumentError('cstDate', `must be a real date YYYY-MM-DD, got ${JSON.stringify(cstDate)}`);
      isKnown(day);
      return isWorking(day);
    },

    years: () => [...loadedYears].sort((a, b) => a - b),
  };
}

/** Year files are validated before they get here, so an unparsable date is a bug. */
function validDay(date: string): number {
  const day = dateToDay(date);
  if (day === undefined) throw new CalendarArgumentError('files', `unvalidated date ${JSON.stringify(date)}`);
  return day;
}

function checkInstant(field: string, value: Date): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new CalendarArgumentError(field, 'must be a valid Date');
}

function checkWorkingDays(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw new CalendarArgumentError('workingDays', `must be an integer from 1 to 1000, got ${n}`);
}
