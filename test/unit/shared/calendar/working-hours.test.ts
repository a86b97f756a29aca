import { CalendarArgumentError, createWorkingHours, loadCalendar } from '../../../../shared/calendar';
import { cst, recordingLogger } from './helpers';

const logger = recordingLogger();
const hours = createWorkingHours(loadCalendar({ logger }));

afterEach(() => {
  // Every case stays inside the loaded years 2025-2026.
  expect(logger.warnings).toEqual([]);
});

// Expected instants worked out by hand: sessions 08:30-12:00 and 13:30-17:30 CST, the 2026 notice's holidays.
test.each([
  ['lunch break: 30 min before noon, 30 min after 13:30', '2026-03-13 11:30', 1, '2026-03-13 14:00'],
  ['a start inside the lunch break counts from 13:30', '2026-03-13 12:30', 1, '2026-03-13 14:30'],
  ['a start before opening counts from 08:30', '2026-03-12 07:00', 1, '2026-03-12 09:30'],
  ['ending exactly at noon gives noon, not 13:30', '2026-03-12 11:00', 1, '2026-03-12 12:00'],
  ['a night: 30 min on Tuesday, 1.5 h on Wednesday', '2026-03-10 17:00', 2, '2026-03-11 10:00'],
  ['a start at night counts from the next morning', '2026-03-10 22:00', 0.5, '2026-03-11 09:00'],
  ['a weekend: Friday 16:30 + 2 h is Monday 09:30', '2026-03-13 16:30', 2, '2026-03-16 09:30'],
  ['a whole working day is 7.5 h', '2026-03-16 08:30', 7.5, '2026-03-16 17:30'],
  ['8 h run into the next morning', '2026-03-16 08:30', 8, '2026-03-17 09:00'],
  ['调休: make-up Saturday 2026-02-14 has working hours', '2026-02-13 17:00', 1, '2026-02-14 09:00'],
  ['春节: nothing from 2/15 to 2/23', '2026-02-14 17:00', 1, '2026-02-24 09:00'],
  ['国庆: 10/1-10/7 off, Thursday 10/8 resumes', '2026-09-30 17:00', 1, '2026-10-08 09:00'],
  ['a start on a holiday counts from the next working morning', '2026-10-03 10:00', 2, '2026-10-08 10:30'],
  ['minutes: 0.25 h from 11:50 crosses lunch', '2026-03-12 11:50', 0.25, '2026-03-12 13:35'],
])('%s (%s + %d working h -> %s)', (_case, from, h, expected) => {
  expect(hours.addWorkingHours(cst(from), h)).toEqual(cst(expected));
});

test('natural hours ignore sessions, nights and holidays', () => {
  expect(hours.addNaturalHours(cst('2026-09-30 17:00'), 24)).toEqual(cst('2026-10-01 17:00'));
  expect(hours.addHours(cst('2026-09-30 17:00'), 2, 'natural')).toEqual(cst('2026-09-30 19:00'));
  expect(hours.addHours(cst('2026-09-30 17:00'), 2, 'working')).toEqual(cst('2026-10-08 10:00'));
});

test.each([
  ['across lunch', '2026-03-13 11:30', '2026-03-13 14:00', 60],
  ['across a weekend', '2026-03-13 16:30', '2026-03-16 09:30', 120],
  ['across 国庆', '2026-09-30 17:00', '2026-10-08 09:00', 60],
  ['both outside sessions on one night', '2026-03-10 18:00', '2026-03-11 08:00', 0],
  ['reversed', '2026-03-13 14:00', '2026-03-13 11:30', 0],
  ['one whole week of 5 days', '2026-03-16 00:00', '2026-03-21 00:00', 5 * 450],
])('workingMinutesBetween %s', (_case, from, to, minutes) => {
  expect(hours.workingMinutesBetween(cst(from), cst(to))).toBe(minutes);
});

test('workingMinutesBetween undoes addWorkingHours from any start in a fortnight', () => {
  const start = cst('2026-02-09 00:00').getTime();
  for (let i = 0; i < 14 * 24 * 4; i++) {
    const from = new Date(start + i * 15 * 60_000);
    for (const h of [0.25, 1, 3.5, 16]) {
      expect(hours.workingMinutesBetween(from, hours.addWorkingHours(from, h))).toBe(h * 60);
    }
  }
});

test.each([
  ['2026-03-13 11:59', true],
  ['2026-03-13 12:00', false],
  ['2026-03-13 08:30', true],
  ['2026-03-13 17:30', false],
  ['2026-03-14 10:00', false],
  ['2026-02-14 10:00', true],
  ['2026-10-05 10:00', false],
])('isWorkingTime(%s) is %s', (at, expected) => {
  expect(hours.isWorkingTime(cst(at))).toBe(expected);
});

test('a site configures its own sessions', () => {
  const summer = createWorkingHours(loadCalendar({ logger }), {
    sessions: [
      { start: '09:00', end: '12:00' },
      { start: '15:00', end: '18:00' },
    ],
  });
  expect(summer.addWorkingHours(cst('2026-06-01 11:00'), 2)).toEqual(cst('2026-06-01 16:00'));
  expect(summer.config.sessions).toHaveLength(2);
});

test.each([
  [{ sessions: [] }, 'workingHours.sessions'],
  [{ sessions: [{ start: '8:30', end: '12:00' }] }, 'workingHours.sessions.0.start'],
  [{ sessions: [{ start: '12:00', end: '08:30' }] }, 'workingHours.sessions.0.end'],
  [
    {
      sessions: [
        { start: '08:30', end: '12:00' },
        { start: '11:00', end: '17:30' },
      ],
    },
    'workingHours.sessions.1.start',
  ],
])('an invalid configuration names the field (%j)', (config, field) => {
  expect(() => createWorkingHours(loadCalendar({ logger }), config)).toThrow(expect.objectContaining({ field }) as Error);
});

test.each([0, -1, Number.NaN, 25_001])('hours = %d is refused', (h) => {
  expect(() => hours.addWorkingHours(cst('2026-03-13 10:00'), h)).toThrow(CalendarArgumentError);
  expect(() => hours.addNaturalHours(cst('2026-03-13 10:00'), h)).toThrow(CalendarArgumentError);
});

test('an invalid Date is refused, naming the argument', () => {
  expect(() => hours.addWorkingHours(new Date(Number.NaN), 1)).toThrow(expect.objectContaining({ field: 'from' }) as Error);
  expect(() => hours.isWorkingTime(new Date(Number.NaN))).toThrow(expect.objectContaining({ field: 'at' }) as Error);
});
