/** Shared test helpers: instants written in CST so that expectations read like the rules. */
import type { CalendarLogger } from '../../../../shared/calendar';

/** An instant given as a CST wall-clock time, e.g. `cst('2026-09-30 10:00')`. */
export function cst(wallClock: string): Date {
  return new Date(`${wallClock.replace(' ', 'T')}:00+08:00`);
}

/** The end (24:00 CST) of a CST date, i.e. the next day's 00:00 CST. */
export function endOf(date: string): Date {
  return new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 86_400_000);
}

/** A logger that records warnings. */
export function recordingLogger(): CalendarLogger & { warnings: Array<{ msg: string; extra?: object }> } {
  const warnings: Array<{ msg: string; extra?: object }> = [];
  return { warnings, warn: (msg, extra) => warnings.push({ msg, extra }) };
}
