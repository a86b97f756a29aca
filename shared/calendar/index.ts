/** Working-day calendar in China Standard Time: see docs/CALENDAR.md. */
export type { CalendarLogger, DueDate, Suspension, WorkingCalendar } from './types';
export { loadCalendar, parseYearFile, readYearFile } from './load';
export { createWorkingCalendar } from './calendar';
export { cstDate } from './cst';
export type { YearFile } from './schema';
export { CalendarArgumentError, CalendarDataError, CalendarError } from './errors';
export { createWorkingHours, DEFAULT_WORKING_HOURS, workingHoursConfigSchema } from './working-hours';
export type { HourClock, WorkingHours, WorkingHoursConfig, WorkingSession } from './working-hours';
