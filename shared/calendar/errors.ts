/**
 * Calendar errors. A bad data file is an operator mistake and a bad argument is a caller
 * bug: neither is the citizen's fault, so both are 500s that are never shown to clients.
 */
import { AppError } from '../errors';

/** Base of every calendar error. */
export abstract class CalendarError extends AppError {
  readonly status = 500;
  readonly title = 'Working-day calendar error';
}

/** A holiday data file is missing, unreadable or fails validation; `field` names the culprit. */
export class CalendarDataError extends CalendarError {
  readonly code = 'calendar-data';
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`calendar file ${file}: ${field}: ${detail}`, options);
  }
}

/** An argument of a calendar function is out of range (e.g. `workingDays` = 0). */
export class CalendarArgumentError extends CalendarError {
  readonly code = 'calendar-argument';
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
  }
}
