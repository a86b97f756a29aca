/**
 * Every "now" in OneThing comes from a Clock passed in (STYLE.md: time is injected).
 * On AWS it is the system clock; locally it is the dev clock (local/dev/clock.ts),
 * which can be advanced (`POST /v1/dev/clock`) and never moves backwards.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Listener called after a clock that can be advanced (the local dev clock) moved forward; awaited in order. */
export type ClockListener = (now: Date) => Promise<void> | void;
