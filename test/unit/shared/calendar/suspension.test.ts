import { CalendarArgumentError, loadCalendar } from '../../../../shared/calendar';
import { cst, endOf, recordingLogger } from './helpers';

const calendar = loadCalendar({ logger: recordingLogger() });
const opened = cst('2026-03-02 09:00'); // a Monday with no holiday near

test('the days from request through provision are not counted, both inclusive', () => {
  // Without suspension: 3/3 (1), 3/4 (2), 3/5 (3). 3/4 suspended: 3/3, 3/5, 3/6.
  expect(calendar.dueAt(opened, 3).dueAt).toEqual(endOf('2026-03-05'));
  const sameDay = [{ from: cst('2026-03-04 09:00'), to: cst('2026-03-04 17:00') }];
  expect(calendar.dueAt(opened, 3, sameDay)).toEqual({ dueAt: endOf('2026-03-06'), provisional: false });
});

test('a suspension spanning the 中秋 and 国庆 holidays', () => {
  const monday = cst('2026-09-21 10:00');
  // Unsuspended: 9/22, 9/23, 9/24, 9/28, 9/29.
  expect(calendar.dueAt(monday, 5).dueAt).toEqual(endOf('2026-09-29'));
  // 9/23..10/9 suspended: 9/22 (1), 10/10 make-up Saturday (2), 10/12 (3), 10/13 (4), 10/14 (5).
  const suspensions = [{ from: cst('2026-09-23 15:00'), to: cst('2026-10-09 11:00') }];
  expect(calendar.dueAt(monday, 5, suspensions).dueAt).toEqual(endOf('2026-10-14'));
});

test('several suspensions add up; overlapping ones do not count twice', () => {
  const two = [
    { from: cst('2026-03-03 10:00'), to: cst('2026-03-03 12:00') },
    { from: cst('2026-03-06 09:00'), to: cst('2026-03-09 08:00') },
  ];
  // 3/3 and 3/6-3/9 skipped: 3/4, 3/5, 3/10, 3/11, 3/12.
  expect(calendar.dueAt(opened, 5, two).dueAt).toEqual(endOf('2026-03-12'));
  const overlapping = [
    { from: cst('2026-03-03 10:00'), to: cst('2026-03-05 10:00') },
    { from: cst('2026-03-04 10:00'), to: cst('2026-03-06 10:00') },
  ];
  // 3/3-3/6 skipped: 3/9, 3/10, 3/11.
  expect(calendar.dueAt(opened, 3, overlapping).dueAt).toEqual(endOf('2026-03-11'));
});

test('suspension days are CST days, not UTC days', () => {
  // 2026-03-03T16:30Z is 3/4 00:30 CST: only 3/4 is suspended, 3/3 still counts.
  const suspensions = [{ from: new Date('2026-03-03T16:30:00Z'), to: new Date('2026-03-04T15:00:00Z') }];
  expect(calendar.dueAt(opened, 2, suspensions).dueAt).toEqual(endOf('2026-03-05'));
});

test('a suspension entirely before the opening day changes nothing', () => {
  const earlier = [{ from: cst('2026-02-24 09:00'), to: cst('2026-02-27 09:00') }];
  expect(calendar.dueAt(opened, 3, earlier).dueAt).toEqual(endOf('2026-03-05'));
});

test('a suspension ending before it starts is refused, naming the field', () => {
  const backwards = [{ from: cst('2026-03-04 09:00'), to: cst('2026-03-03 09:00') }];
  expect(() => calendar.dueAt(opened, 3, backwards)).toThrow(CalendarArgumentError);
  expect(() => calendar.dueAt(opened, 3, backwards)).toThrow(/^suspensions\[0\]\.to: is before `from`/);
  expect(() => calendar.dueAt(opened, 3, [{ from: new Date(Number.NaN), to: opened }])).toThrow(/^suspensions\[0\]\.from: /);
});
