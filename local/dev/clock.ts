import type { Clock, ClockListener } from '../../shared/clock';

/**
 * The local dev clock: real time plus a persisted offset. `advance()` only moves forward.
 *
 * @example
 * const clock = new DevClock({ start: new Date('2026-09-30T02:00:00Z') });
 * await clock.advance(3600); // listeners (the engine's timers) fire for the new time
 */
export class DevClock implements Clock {
  private offsetMs: number;
  private floorMs = 0;
  private readonly listeners: ClockListener[] = [];

  constructor(opts: { start?: Date; offsetMs?: number; realNow?: () => number } = {}) {
    this.realNow = opts.realNow ?? Date.now;
    this.offsetMs = opts.offsetMs ?? (opts.start ? opts.start.getTime() - this.realNow() : 0);
  }

  private readonly realNow: () => number;

  now(): Date {
    // Guard against the host clock stepping back: the dev clock never moves backwards.
    const ms = Math.max(this.realNow() + this.offsetMs, this.floorMs);
    this.floorMs = ms;
    return new Date(ms);
  }

  /** The offset from real time, for persisting across restarts. */
  get offset(): number {
    return this.offsetMs;
  }

  onAdvance(listener: ClockListener): void {
    this.listeners.push(listener);
  }

  /** Moves the clock forward and waits until every listener has handled the new time. */
  async advance(seconds: number): Promise<Date> {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError('advanceSeconds must be a non-negative number');
    this.offsetMs += Math.round(seconds * 1000);
    const now = this.now();
    for (const listener of this.listeners) await listener(now);
    return now;
  }
}
