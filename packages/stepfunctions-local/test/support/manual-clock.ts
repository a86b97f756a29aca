import type { AdvancingClock, ClockListener } from '../../src';

/**
 * A clock that stands still until a test moves it: the engine's timers fire only through
 * `advance`, which resolves once the engine has handled the new time (no real-time waits).
 * @example const clock = new ManualClock(new Date('2026-03-01T00:00:00Z')); await clock.advance(60);
 */
export class ManualClock implements AdvancingClock {
  private nowMs: number;
  private readonly listeners: ClockListener[] = [];

  constructor(start: Date) {
    this.nowMs = start.getTime();
  }

  now(): Date {
    return new Date(this.nowMs);
  }

  onAdvance(listener: ClockListener): void {
    this.listeners.push(listener);
  }

  /** Moves the clock forward by `seconds` and waits until every listener has handled it. */
  async advance(seconds: number): Promise<Date> {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError('seconds must be a non-negative number');
    this.nowMs += Math.round(seconds * 1000);
    const now = this.now();
    for (const listener of this.listeners) await listener(now);
    return now;
  }
}
