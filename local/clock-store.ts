import fs from 'node:fs';
import path from 'node:path';
import { DevClock } from './dev/clock';

/**
 * The dev clock survives restarts, crashes included: the data folder keeps its offset from
 * real time (written before any timer fires for an advance) and its last reading. At start the
 * clock resumes at the later of `ONETHING_CLOCK_START` and real time plus the saved offset, so
 * it never moves backwards, even after a kill -9 between two periodic saves.
 */
export class PersistedDevClock {
  readonly clock: DevClock;
  private readonly file: string;

  constructor(dataDir: string, start?: Date) {
    this.file = path.join(dataDir, 'clock.json');
    const saved = readSaved(this.file);
    const candidates = [start?.getTime() ?? Date.now()];
    if (saved) candidates.push(Date.now() + saved.offsetMs, saved.lastNow);
    this.clock = new DevClock({ start: new Date(Math.max(...candidates)) });
    this.save();
    // Registered first, so an advance is on disk before the engine fires the timers it makes due.
    this.clock.onAdvance(() => this.save());
  }

  /** Writes the offset and current reading atomically (write + rename). */
  save(): void {
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ offsetMs: this.clock.offset, lastNow: this.clock.now().toISOString() }));
    fs.renameSync(tmp, this.file);
  }
}

function readSaved(file: string): { offsetMs: number; lastNow: number } | undefined {
  if (!fs.existsSync(file)) return undefined;
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { offsetMs?: unknown; lastNow?: unknown };
  const lastNow = typeof parsed.lastNow === 'string' ? Date.parse(parsed.lastNow) : NaN;
  if (typeof parsed.offsetMs !== 'number' || Number.isNaN(lastNow)) {
    throw new Error(`${file}: expected {"offsetMs": number, "lastNow": RFC 3339 instant}`);
  }
  return { offsetMs: parsed.offsetMs, lastNow };
}
