import fs from 'node:fs';
import path from 'node:path';
import { DevClock } from '../shared/clock';

/**
 * The dev clock survives restarts: its last reading is kept in the data folder, so timers
 * stored by the engine in dev-clock time stay meaningful and the clock never moves back.
 */
export class PersistedDevClock {
  readonly clock: DevClock;
  private readonly file: string;

  constructor(dataDir: string, start?: Date) {
    this.file = path.join(dataDir, 'clock.json');
    const saved = readSaved(this.file);
    const candidate = start?.getTime() ?? Date.now();
    const startMs = saved !== undefined && saved > candidate ? saved : candidate;
    this.clock = new DevClock({ start: new Date(startMs) });
    this.clock.onAdvance(() => this.save());
  }

  /** Writes the current reading atomically (write + rename). */
  save(): void {
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ lastNow: this.clock.now().toISOString() }));
    fs.renameSync(tmp, this.file);
  }
}

function readSaved(file: string): number | undefined {
  if (!fs.existsSync(file)) return undefined;
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  const lastNow = (parsed as { lastNow?: unknown }).lastNow;
  const ms = typeof lastNow === 'string' ? Date.parse(lastNow) : NaN;
  if (Number.isNaN(ms)) throw new Error(`${file}: lastNow is not an RFC 3339 instant`);
  return ms;
}
