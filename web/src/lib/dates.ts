/**
 * Dates as people in China read them: China Standard Time, a due instant shown as the working
 * day it ends (an API `dueAt` of 2026-12-17T16:00:00Z is 2026年12月17日（含）前), and the days
 * left counted in working days on the published holiday calendar (shared/calendar/data).
 */
import { createWorkingCalendar } from '../../../shared/calendar/calendar';
import type { YearFile } from '../../../shared/calendar/schema';
import y2025 from '../../../shared/calendar/data/2025.json';
import y2026 from '../../../shared/calendar/data/2026.json';
import type { Locale } from '../i18n/locale';

const CST_OFFSET_MS = 8 * 3600_000;

const calendar = createWorkingCalendar([y2025, y2026] as YearFile[], { warn: () => {} });

const parts = (instant: Date) => {
  const d = new Date(instant.getTime() + CST_OFFSET_MS);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), hh: d.getUTCHours(), mm: d.getUTCMinutes() };
};
const pad = (n: number) => String(n).padStart(2, '0');

/** The CST calendar day a due instant closes (an end-of-day instant belongs to the day before it). */
export function dueDay(dueAt: string): { y: number; m: number; d: number } {
  return parts(new Date(Date.parse(dueAt) - 1));
}

/** `2026年12月17日` / `2026-12-17`: the last day of a time limit. */
export function formatDueDay(dueAt: string, locale: Locale): string {
  const { y, m, d } = dueDay(dueAt);
  return locale === 'zh-CN' ? `${y}年${m}月${d}日` : `${y}-${pad(m)}-${pad(d)}`;
}

/** `12月3日 06:18` (CST) / `2026-12-03 06:18 CST`: when something happened. */
export function formatInstant(at: string, locale: Locale): string {
  const p = parts(new Date(at));
  return locale === 'zh-CN'
    ? `${p.y}年${p.m}月${p.d}日 ${pad(p.hh)}:${pad(p.mm)}`
    : `${p.y}-${pad(p.m)}-${pad(p.d)} ${pad(p.hh)}:${pad(p.mm)} CST`;
}

/** The CST day as `YYYY-MM-DD` (query parameters of the inspector's reports). */
export function cstDay(instant: Date): string {
  const p = parts(instant);
  return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
}

/**
 * Working days from `now` to the due instant, counted as limits are (the days after today up
 * to the due day; 0 = due today), negative = working days overdue. Outside the calendar's years it falls back
 * to calendar days, which only ever overstates the time left by the holidays in between.
 */
export function workingDaysLeft(dueAt: string, now: Date): number {
  // The last instant of the due day, so that day itself is counted, not the one after it.
  const lastDay = new Date(Date.parse(dueAt) - 1);
  try {
    // Counted like the limit itself: the working days after today up to the due day (0 = due today).
    if (now.getTime() <= lastDay.getTime()) return calendar.workingDaysUsed(now, lastDay);
    return -calendar.workingDaysUsed(lastDay, now);
  } catch {
    return Math.ceil((lastDay.getTime() - now.getTime()) / 86_400_000);
  }
}

/** Close to due: the last working day or less. */
export const isWarning = (dueAt: string, now: Date): boolean => {
  const left = workingDaysLeft(dueAt, now);
  return left >= 0 && left <= 1;
};
