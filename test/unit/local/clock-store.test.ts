import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PersistedDevClock } from '../../../local/clock-store';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clock-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test('starts at ONETHING_CLOCK_START on a fresh data folder', () => {
  const { clock } = new PersistedDevClock(dir, new Date('2026-09-30T02:00:00Z'));
  expect(Math.abs(clock.now().getTime() - Date.parse('2026-09-30T02:00:00Z'))).toBeLessThan(1000);
});

test('after an advance and a crash (no shutdown save) the clock resumes where it was, not at the start', async () => {
  const start = new Date('2026-09-30T02:00:00Z');
  const first = new PersistedDevClock(dir, start);
  await first.clock.advance(10 * 86_400);
  const before = first.clock.now().getTime();
  // No save() call: as after kill -9. The same ONETHING_CLOCK_START is given again.
  const second = new PersistedDevClock(dir, start);
  expect(second.clock.now().getTime()).toBeGreaterThanOrEqual(before);
  expect(second.clock.now().getTime() - before).toBeLessThan(60_000);
});

test('a later ONETHING_CLOCK_START moves the clock forward; an earlier one never moves it back', async () => {
  const first = new PersistedDevClock(dir, new Date('2026-09-30T02:00:00Z'));
  await first.clock.advance(86_400);
  const later = new PersistedDevClock(dir, new Date('2027-01-01T00:00:00Z'));
  expect(later.clock.now().toISOString() >= '2027-01-01T00:00:00').toBe(true);
  const earlier = new PersistedDevClock(dir, new Date('2020-01-01T00:00:00Z'));
  expect(earlier.clock.now().getTime()).toBeGreaterThanOrEqual(Date.parse('2027-01-01T00:00:00Z'));
});

test('a corrupt clock file fails loudly, naming the file', () => {
  fs.writeFileSync(path.join(dir, 'clock.json'), '{"lastNow": 5}');
  expect(() => new PersistedDevClock(dir)).toThrow(/clock\.json/);
});
