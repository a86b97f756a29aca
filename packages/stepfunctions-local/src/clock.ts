/**
 * Where the engine reads "now" from. The engine declares its own clock so that it depends on
 * nothing outside this package; any object with `now()` fits (the platform's dev clock does).
 */
export interface Clock {
  now(): Date;
}

/** Called after a manual clock moved forward; the clock awaits it before `advance` resolves. */
export type ClockListener = (now: Date) => Promise<void> | void;

/**
 * A clock that can be moved by hand (tests, a local dev clock): the engine registers a
 * listener that fires the timers due at the new time and resolves when they are handled.
 */
export interface AdvancingClock extends Clock {
  onAdvance?(listener: ClockListener): void;
}

export const systemClock: Clock = { now: () => new Date() };
