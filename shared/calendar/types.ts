/** A period during which a branch's clock stops (the applicant prepares a supplement). */
export interface Suspension {
  /** Instant the supplement was requested; its CST day is not counted. */
  from: Date;
  /** Instant the supplement was provided; its CST day is not counted either. */
  to: Date;
}

/** A due instant; `provisional` when any day counted lies in a year without holiday data. */
export interface DueDate {
  dueAt: Date;
  provisional: boolean;
}

/** Where the calendar reports years it has no data for. */
export interface CalendarLogger {
  warn(msg: string, extra?: object): void;
}

/** Working-day arithmetic in China Standard Time (PRODUCT.md, "How a due date is computed"). */
export interface WorkingCalendar {
  /** End (24:00 CST) of the `workingDays`-th working day after the opening day, suspended days skipped. */
  dueAt(openedAt: Date, workingDays: number, suspensions?: Suspension[]): DueDate;
  /**
   * Working days STARTED after the opening day up to and including the CST day of `at`
   * (suspended days skipped). Deciding on the N-th working day of an N-day limit gives N,
   * so `used <= limit` exactly when the decision came before `dueAt`.
   */
  workingDaysUsed(openedAt: Date, at: Date, suspensions?: Suspension[]): number;
  /** End of the ceil(share × N)-th working day: when a share (e.g. 0.75) of the limit is used. */
  warnAt(openedAt: Date, workingDays: number, share: number, suspensions?: Suspension[]): Date;
  /** Whether a CST date (`YYYY-MM-DD`) is a working day (weekday not a holiday, or a make-up day). */
  isWorkingDay(cstDate: string): boolean;
  /** Years with loaded holiday data, ascending. */
  years(): number[];
}
