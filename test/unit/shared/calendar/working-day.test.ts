import { CalendarArgumentError, cstDate, loadCalendar } from '../../../../shared/calendar';
import { recordingLogger } from './helpers';

const logger = recordingLogger();
const calendar = loadCalendar({ logger });

// Every boundary of the 2026 notice, by hand: the day before, first and last day off, the
// day after, and each make-up day (with the weekday noted).
test.each([
  ['2025-12-31', true],
  ['2026-01-01', false],
  ['2026-01-03', false],
  ['2026-01-04', true],
  ['2026-01-05', true],
  ['2026-02-13', true],
  ['2026-02-14', true],
  ['2026-02-15', false],
  ['2026-02-23', false],
  ['2026-02-24', true],
  ['2026-02-28', true],
  ['2026-03-01', false],
  ['2026-04-03', true],
  ['2026-04-04', false],
  ['2026-04-06', false],
  ['2026-04-07', true],
  ['2026-04-30', true],
  ['2026-05-01', false],
  ['2026-05-05', false],
  ['2026-05-06', true],
  ['2026-05-09', true],
  ['2026-05-10', false],
  ['2026-06-18', true],
  ['2026-06-19', false],
  ['2026-06-21', false],
  ['2026-06-22', true],
  ['2026-09-19', false],
  ['2026-09-20', true],
  ['2026-09-24', true],
  ['2026-09-25', false],
  ['2026-09-27', false],
  ['2026-09-28', true],
  ['2026-09-30', true],
  ['2026-10-01', false],
  ['2026-10-07', false],
  ['2026-10-08', true],
  ['2026-10-10', true],
  ['2026-10-11', false],
  ['2026-03-14', false],
  ['2026-03-16', true],
])('isWorkingDay(%s) is %p', (date, expected) => {
  expect(calendar.isWorkingDay(date)).toBe(expected);
});

test.each([2025, 2026])('%i has 365 days - 104 weekend days - 13 statutory holidays = 248 working days', (year) => {
  let count = 0;
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
    if (calendar.isWorkingDay(d.toISOString().slice(0, 10))) count++;
  }
  expect(count).toBe(248);
  expect(logger.warnings).toEqual([]);
});

test.each(['2026-02-30', '2026-2-3', '', '2026-13-01'])('isWorkingDay(%p) is refused, naming the field', (bad) => {
  expect(() => calendar.isWorkingDay(bad)).toThrow(CalendarArgumentError);
  expect(() => calendar.isWorkingDay(bad)).toThrow(/^cstDate: /);
});

describe('cstDate', () => {
  test.each([
    ['2026-09-30T15:59:59.999Z', '2026-09-30'],
    ['2026-09-30T16:00:00.000Z', '2026-10-01'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01'],
    ['2026-03-01T00:00:00.000Z', '2026-03-01'],
  ])('%s is %s in Asia/Shanghai', (instant, date) => {
    expect(cstDate(new Date(instant))).toBe(date);
  });

  test('agrees with the platform time-zone database on a sample of instants', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let ms = Date.UTC(2025, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 7 * 3_600_000 + 13 * 60_000) {
      expect(cstDate(new Date(ms))).toBe(fmt.format(new Date(ms)));
    }
  });

  test('an invalid Date is refused', () => {
    expect(() => cstDate(new Date('nope'))).toThrow(/^instant: invalid Date/);
  });
});

test('years() lists the built-in years', () => {
  expect(calendar.years()).toEqual([2025, 2026]);
});
