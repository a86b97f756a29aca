/**
 * Properties of the working-day calendar over the loaded years: due dates are monotonic in
 * the limit and in the opening instant, always end a working day, agree with
 * `workingDaysUsed`, and a suspension only ever moves a due date later.
 */
import fc from 'fast-check';
import { cstDate, loadCalendar } from '../../../../shared/calendar';
import { recordingLogger } from './helpers';

const logger = recordingLogger();
const calendar = loadCalendar({ logger });
const RUNS = { seed: 2026, numRuns: 200 };

// Openings inside the loaded years, early enough that every due date stays inside them too.
const first = Date.parse(`${calendar.years()[0]}-01-01T00:00:00+08:00`);
const last = Date.parse(`${calendar.years().at(-1)}-10-01T00:00:00+08:00`);
const instant = fc.integer({ min: first, max: last }).map((ms) => new Date(ms));
const limit = fc.integer({ min: 1, max: 40 });

afterEach(() => expect(logger.warnings).toEqual([]));

test('later for a longer limit, and never earlier for a later opening', () => {
  fc.assert(
    fc.property(instant, instant, limit, (a, b, n) => {
      const [early, late] = a <= b ? [a, b] : [b, a];
      expect(calendar.dueAt(early, n + 1).dueAt.getTime()).toBeGreaterThan(calendar.dueAt(early, n).dueAt.getTime());
      expect(calendar.dueAt(late, n).dueAt.getTime()).toBeGreaterThanOrEqual(calendar.dueAt(early, n).dueAt.getTime());
    }),
    RUNS,
  );
});

test('a due date is the end of a working day, and exactly the limit is used just before it', () => {
  fc.assert(
    fc.property(instant, limit, (opened, n) => {
      const { dueAt, provisional } = calendar.dueAt(opened, n);
      const lastDay = new Date(dueAt.getTime() - 1);
      expect(provisional).toBe(false);
      expect(calendar.isWorkingDay(cstDate(lastDay))).toBe(true);
      expect(cstDate(dueAt)).not.toBe(cstDate(lastDay)); // 24:00 CST: the next day begins
      expect(calendar.workingDaysUsed(opened, lastDay)).toBe(n);
    }),
    RUNS,
  );
});

test('a suspension never moves a due date earlier, and a longer one never less far', () => {
  const DAY = 86_400_000;
  fc.assert(
    fc.property(
      instant,
      limit,
      fc.integer({ min: 0, max: 20 * DAY }),
      fc.integer({ min: 0, max: 10 * DAY }),
      fc.integer({ min: 0, max: 10 * DAY }),
      (opened, n, start, length, more) => {
        const from = new Date(opened.getTime() + start);
        const to = new Date(from.getTime() + length);
        const plain = calendar.dueAt(opened, n).dueAt.getTime();
        const suspended = calendar.dueAt(opened, n, [{ from, to }]).dueAt.getTime();
        const longer = calendar.dueAt(opened, n, [{ from, to: new Date(to.getTime() + more) }]).dueAt.getTime();
        expect(suspended).toBeGreaterThanOrEqual(plain);
        expect(longer).toBeGreaterThanOrEqual(suspended);
      },
    ),
    RUNS,
  );
});
