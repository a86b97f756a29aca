import { CalendarArgumentError, loadCalendar } from '../../../../shared/calendar';
import { cst, endOf, recordingLogger } from './helpers';

const calendar = loadCalendar({ logger: recordingLogger() });
const opened = cst('2026-09-30 10:00'); // due end of 10/13 with limit 5

describe('workingDaysUsed counts working days started after the opening day', () => {
  test.each([
    ['later on the opening day', '2026-09-30 23:00', 0],
    ['through the 国庆 holiday', '2026-10-07 18:00', 0],
    ['the first minute of the first working day', '2026-10-08 00:00', 1],
    ['the make-up Saturday', '2026-10-10 12:00', 3],
    ['the Sunday after it', '2026-10-11 12:00', 3],
    ['on the last day of a 5-day limit', '2026-10-13 15:00', 5],
    ['after it', '2026-10-14 00:00', 6],
  ])('%s (%s) -> %i', (_case, at, used) => {
    expect(calendar.workingDaysUsed(opened, cst(at))).toBe(used);
  });

  test('used <= limit exactly until dueAt', () => {
    const { dueAt } = calendar.dueAt(opened, 5);
    expect(calendar.workingDaysUsed(opened, new Date(dueAt.getTime() - 1))).toBe(5);
    expect(calendar.workingDaysUsed(opened, dueAt)).toBe(6);
  });

  test('suspended days are not used', () => {
    const monday = cst('2026-09-21 10:00');
    const suspensions = [{ from: cst('2026-09-23 15:00'), to: cst('2026-10-09 11:00') }];
    // 9/22 (1), 10/10 (2), 10/12 (3).
    expect(calendar.workingDaysUsed(monday, cst('2026-10-12 09:00'), suspensions)).toBe(3);
    // Unsuspended: 9/22-9/24, 9/28-9/30, 10/8-10/10, 10/12.
    expect(calendar.workingDaysUsed(monday, cst('2026-10-12 09:00'))).toBe(10);
  });

  test('an instant before the opening is refused', () => {
    expect(() => calendar.workingDaysUsed(opened, cst('2026-09-29 10:00'))).toThrow(/^at: is before `openedAt`/);
  });
});

describe('warnAt is the end of the ceil(share * N)-th working day', () => {
  test.each([
    [0.75, 5, '2026-10-12'], // ceil(3.75) = 4
    [1, 5, '2026-10-13'],
    [0.01, 5, '2026-10-08'], // at least one day
    [0.5, 4, '2026-10-09'], // exactly 2
  ])('share %p of %i days -> end of %s', (share, n, day) => {
    expect(calendar.warnAt(opened, n, share)).toEqual(endOf(day));
  });

  test('float error does not add a day: 0.7 x 10 is 7 working days, not 8', () => {
    // From Monday 3/2: 3/3, 3/4, 3/5, 3/6, 3/9, 3/10, 3/11 (7).
    expect(calendar.warnAt(cst('2026-03-02 09:00'), 10, 0.7)).toEqual(endOf('2026-03-11'));
  });

  test('suspensions move it too', () => {
    const suspensions = [{ from: cst('2026-10-08 09:00'), to: cst('2026-10-09 09:00') }];
    // 10/10 (1), 10/12 (2), 10/13 (3), 10/14 (4).
    expect(calendar.warnAt(opened, 5, 0.75, suspensions)).toEqual(endOf('2026-10-14'));
  });

  test.each([0, -0.5, 1.01, Number.NaN])('share %p is refused, naming the field', (share) => {
    expect(() => calendar.warnAt(opened, 5, share)).toThrow(CalendarArgumentError);
    expect(() => calendar.warnAt(opened, 5, share)).toThrow(/^share: /);
  });
});
