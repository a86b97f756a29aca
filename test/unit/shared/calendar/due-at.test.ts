import { CalendarArgumentError, loadCalendar } from '../../../../shared/calendar';
import { cst, endOf, recordingLogger } from './helpers';

const logger = recordingLogger();
const calendar = loadCalendar({ logger });

afterEach(() => {
  // None of these cases leave the loaded years 2025-2026.
  expect(logger.warnings).toEqual([]);
});

test('the PRODUCT.md example: opened 2026-09-30 10:00 CST, limit 5, due 2026-10-13 24:00 CST', () => {
  const due = calendar.dueAt(cst('2026-09-30 10:00'), 5);
  expect(due.dueAt.toISOString()).toBe('2026-10-13T16:00:00.000Z');
  expect(due.provisional).toBe(false);
});

// Expected dates worked out by hand from the 2026 State Council notice.
test.each([
  ['元旦: holidays 1/1-1/3, make-up Sunday 1/4 is day 1', '2025-12-31 09:00', 1, '2026-01-04'],
  ['元旦: the make-up Sunday itself is an ordinary opening day', '2026-01-04 09:00', 1, '2026-01-05'],
  ['春节: make-up Saturday 2/14 before the holiday', '2026-02-13 09:00', 1, '2026-02-14'],
  ['春节: nothing counts from 2/15 to 2/23', '2026-02-13 09:00', 2, '2026-02-24'],
  ['春节: 2/14, 2/24-2/27', '2026-02-13 09:00', 5, '2026-02-27'],
  ['春节: make-up Saturday 2/28', '2026-02-13 09:00', 6, '2026-02-28'],
  ['春节: Sunday 3/1 is off', '2026-02-13 09:00', 7, '2026-03-02'],
  ['清明: 4/4-4/6 including Monday', '2026-04-03 09:00', 1, '2026-04-07'],
  ['劳动节: 5/1-5/5 including Tuesday', '2026-04-30 09:00', 1, '2026-05-06'],
  ['劳动节: make-up Saturday 5/9', '2026-04-30 09:00', 4, '2026-05-09'],
  ['劳动节: Sunday 5/10 is off', '2026-04-30 09:00', 5, '2026-05-11'],
  ['端午: 6/19-6/21 including Friday', '2026-06-18 09:00', 1, '2026-06-22'],
  ['中秋: make-up Sunday 9/20', '2026-09-18 09:00', 1, '2026-09-20'],
  ['中秋: 9/25-9/27 including Friday', '2026-09-24 09:00', 1, '2026-09-28'],
  ['国庆: 10/1-10/7', '2026-09-30 09:00', 1, '2026-10-08'],
  ['国庆: make-up Saturday 10/10', '2026-10-09 09:00', 1, '2026-10-10'],
  ['opened on a holiday', '2026-10-03 15:00', 1, '2026-10-08'],
  ['ordinary weekend', '2026-03-13 16:00', 1, '2026-03-16'],
])('%s (opened %s, limit %i -> end of %s)', (_case, opened, limit, dueDay) => {
  expect(calendar.dueAt(cst(opened), limit)).toEqual({ dueAt: endOf(dueDay), provisional: false });
});

test.each([
  ['2025 春节: make-up Sunday 1/26', '2025-01-24 09:00', 1, '2025-01-26'],
  ['2025 春节: 1/28-2/4, make-up Saturday 2/8', '2025-01-27 09:00', 4, '2025-02-08'],
  ['2025 端午: 5/31-6/2', '2025-05-30 09:00', 1, '2025-06-03'],
  ['2025 国庆中秋: 10/1-10/8, make-up Saturday 10/11', '2025-09-30 09:00', 3, '2025-10-11'],
  ['year boundary 2025 -> 2026 through 元旦 2026', '2025-12-30 09:00', 3, '2026-01-05'],
])('%s', (_case, opened, limit, dueDay) => {
  expect(calendar.dueAt(cst(opened), limit)).toEqual({ dueAt: endOf(dueDay), provisional: false });
});

describe('the opening day is the CST day, whatever the UTC date', () => {
  test('opened exactly at 00:00 CST counts that day as day D', () => {
    expect(calendar.dueAt(cst('2026-09-30 00:00'), 5).dueAt).toEqual(endOf('2026-10-13'));
  });

  test('one millisecond earlier is the previous day', () => {
    const justBefore = new Date(cst('2026-09-30 00:00').getTime() - 1);
    // D = 9/29: 9/30 (1), 10/8 (2), 10/9 (3), 10/10 (4), 10/12 (5).
    expect(calendar.dueAt(justBefore, 5).dueAt).toEqual(endOf('2026-10-12'));
  });

  test('opened at 23:59 CST is still day D', () => {
    expect(calendar.dueAt(cst('2026-09-30 23:59'), 5).dueAt).toEqual(endOf('2026-10-13'));
  });

  test('opened at 07:00 CST, still the previous day in UTC', () => {
    // 2026-10-09 07:00 CST is 2026-10-08 23:00 UTC; D must be 10/9, so day 1 is 10/10.
    expect(calendar.dueAt(cst('2026-10-09 07:00'), 1).dueAt).toEqual(endOf('2026-10-10'));
  });
});

test.each([0, -1, 1.5, Number.NaN, 1001])('workingDays %p is refused, naming the field', (n) => {
  expect(() => calendar.dueAt(cst('2026-03-02 09:00'), n)).toThrow(CalendarArgumentError);
  expect(() => calendar.dueAt(cst('2026-03-02 09:00'), n)).toThrow(/^workingDays: /);
});

test('an invalid opening instant is refused, naming the field', () => {
  expect(() => calendar.dueAt(new Date('nonsense'), 5)).toThrow(/^openedAt: must be a valid Date/);
});
