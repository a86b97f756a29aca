/**
 * Working hours on working days (docs/CALENDAR.md "Working hours"): the clock of 12345
 * events, whose limits are hours, not days. Built on a {@link WorkingCalendar}, so the same
 * holiday data and make-up days (调休) decide which days have working hours at all.
 */
import * as z from 'zod';
import { CalendarArgumentError } from './errors';
import { cstDayOf, dayToDate } from './cst';
import type { WorkingCalendar } from './types';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * HOUR_MS;
/** A limit beyond ten years of working hours is a caller bug, as for working days. */
const MAX_HOURS = 25_000;
const MAX_SCAN_DAYS = 3660;

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** One span of a working day, CST wall-clock `HH:MM` (end may be `24:00`). */
export interface WorkingSession {
  start: string;
  end: string;
}

/** A site's working hours: the same sessions on every working day. */
export interface WorkingHoursConfig {
  sessions: WorkingSession[];
}

/**
 * The default: 08:30-12:00 and 13:30-17:30 CST (7.5 h a day), the office hours most
 * district governments and their 12345 承办单位 keep outside summer schedules. A site with
 * other hours sets `workingHours` on its event definition.
 */
export const DEFAULT_WORKING_HOURS: WorkingHoursConfig = {
  sessions: [
    { start: '08:30', end: '12:00' },
    { start: '13:30', end: '17:30' },
  ],
};

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The schema of a site's working hours: sessions in order, none empty, none overlapping. */
export const workingHoursConfigSchema = z
  .object({
    sessions: z.array(z.object({ start: z.string().regex(HHMM, 'must be HH:MM'), end: z.string().regex(HHMM, 'must be HH:MM') })).min(1),
  })
  .superRefine((config, ctx) => {
    config.sessions.forEach((s, i) => {
      if (!HHMM.test(s.start) || !HHMM.test(s.end)) return;
      if (minutesOf(s.end) <= minutesOf(s.start))
        ctx.addIssue({ code: 'custom', path: ['sessions', i, 'end'], message: 'must be after start' });
      const prev = config.sessions[i - 1];
      if (prev && HHMM.test(prev.end) && minutesOf(s.start) < minutesOf(prev.end))
        ctx.addIssue({ code: 'custom', path: ['sessions', i, 'start'], message: 'must not be before the previous session ends' });
    });
  });

/** How an event's limit is counted: working hours, or natural (wall-clock) hours for urgent categories. */
export type HourClock = 'working' | 'natural';

/** Hour arithmetic over working days' sessions, in China Standard Time. */
export interface WorkingHours {
  /**
   * The instant at which `hours` working hours have passed since `from`: time counts only
   * inside sessions of working days; a start outside them counts from the next session.
   * A result that falls exactly on a session's end is that end (not the next start).
   *
   * @example addWorkingHours(cst('2026-03-13 16:30'), 2) // Monday 03-16 09:30 CST
   */
  addWorkingHours(from: Date, hours: number): Date;
  /** `from` plus `hours` wall-clock hours (urgent categories run day and night). */
  addNaturalHours(from: Date, hours: number): Date;
  /** `addWorkingHours` or `addNaturalHours` by `clock`. */
  addHours(from: Date, hours: number, clock: HourClock): Date;
  /** Working minutes (inside sessions of working days) between two instants; 0 if `to <= from`. */
  workingMinutesBetween(from: Date, to: Date): number;
  /** Whether the instant lies inside a session of a working day. */
  isWorkingTime(at: Date): boolean;
  /** The sessions in force, as configured. */
  readonly config: WorkingHoursConfig;
}

/**
 * Working hours over a calendar. Throws `CalendarArgumentError` naming the field when the
 * configuration is invalid.
 *
 * @example
 * const hours = createWorkingHours(loadCalendar());
 * hours.addWorkingHours(new Date('2026-03-13T03:30:00Z'), 1); // 11:30 + 0.5 h, lunch, 13:30 + 0.5 h → 14:00 CST
 */
export function createWorkingHours(calendar: WorkingCalendar, config: WorkingHoursConfig = DEFAULT_WORKING_HOURS): WorkingHours {
  const parsed = workingHoursConfigSchema.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CalendarArgumentError(`workingHours.${issue?.path.join('.') ?? ''}`, issue?.message ?? 'invalid');
  }
  const sessions = parsed.data.sessions.map((s) => ({ startMs: minutesOf(s.start) * MINUTE_MS, endMs: minutesOf(s.end) * MINUTE_MS }));
  /** UTC instant (ms) at which CST day `day` starts. */
  const dayStartMs = (day: number) => day * DAY_MS - CST_OFFSET_MS;
  const workingDay = (day: number) => calendar.isWorkingDay(dayToDate(day));

  /** The sessions of `day` as absolute [start, end) in ms; none on a day off. */
  const sessionsOf = (day: number) =>
    workingDay(day) ? sessions.map((s) => ({ start: dayStartMs(day) + s.startMs, end: dayStartMs(day) + s.endMs })) : [];

  const addWorkingHours = (from: Date, hours: number): Date => {
    checkInstant('from', from);
    checkHours(hours);
    let remaining = Math.round(hours * HOUR_MS);
    const fromMs = from.getTime();
    const firstDay = cstDayOf(from);
    for (let day = firstDay; day <= firstDay + MAX_SCAN_DAYS; day++) {
      for (const s of sessionsOf(day)) {
        const start = Math.max(fromMs, s.start);
        if (start >= s.end) continue;
        if (remaining <= s.end - start) return new Date(start + remaining);
        remaining -= s.end - start;
      }
    }
    throw new CalendarArgumentError('hours', 'no working time within ten years');
  };

  const addNaturalHours = (from: Date, hours: number): Date => {
    checkInstant('from', from);
    checkHours(hours);
    return new Date(from.getTime() + Math.round(hours * HOUR_MS));
  };

  return {
    config: parsed.data,
    addWorkingHours,
    addNaturalHours,
    addHours: (from, hours, clock) => (clock === 'natural' ? addNaturalHours(from, hours) : addWorkingHours(from, hours)),

    workingMinutesBetween(from, to) {
      checkInstant('from', from);
      checkInstant('to', to);
      if (to <= from) return 0;
      if (cstDayOf(to) - cstDayOf(from) > MAX_SCAN_DAYS) throw new CalendarArgumentError('to', 'more than ten years after `from`');
      let ms = 0;
      for (let day = cstDayOf(from); day <= cstDayOf(to); day++) {
        for (const s of sessionsOf(day)) {
          const start = Math.max(from.getTime(), s.start);
          const end = Math.min(to.getTime(), s.end);
          if (end > start) ms += end - start;
        }
      }
      return ms / MINUTE_MS;
    },

    isWorkingTime(at) {
      checkInstant('at', at);
      const t = at.getTime();
      return sessionsOf(cstDayOf(at)).some((s) => t >= s.start && t < s.end);
    },
  };
}

function checkInstant(field: string, value: Date): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new CalendarArgumentError(field, 'must be a valid Date');
}

function checkHours(hours: number): void {
  if (!(Number.isFinite(hours) && hours > 0 && hours <= MAX_HOURS))
    throw new CalendarArgumentError('hours', `must be a number above 0 and at most ${MAX_HOURS}, got ${hours}`);
}
