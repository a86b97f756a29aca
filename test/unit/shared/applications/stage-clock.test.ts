import { loadCalendar } from '../../../../shared/calendar';
import { stageClocks, stagedDueAt } from '../../../../shared/applications/stage-clock';
import type { DepartmentSpec } from '../../../../workflows/types';

/**
 * The critical path of a staged service against dates computed by hand on the 2026 calendar:
 * 国庆 10/1-10/7 is a holiday, Saturday 10/10 a make-up working day. A branch opened on CST
 * day D is due at the end of the N-th working day after D (docs/CALENDAR.md).
 */
const calendar = loadCalendar();
const dept = (id: string, days: number, after?: string[]): DepartmentSpec => ({
  id,
  name: { zh: id, en: id },
  timeLimitWorkingDays: days,
  sees: { fields: [], materials: [] },
  checks: [],
  ...(after ? { after } : {}),
});
// newborn-like: a -> b -> (c, d)
const def = { departments: [dept('a', 2), dept('b', 5, ['a']), dept('c', 3, ['b']), dept('d', 5, ['b'])] };
const endOfCst = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000).toISOString();
const SUBMITTED = new Date('2026-09-29T02:00:00.000Z'); // Tuesday 10:00 CST

const view = (clocks: ReturnType<typeof stageClocks>) => clocks.map((c) => [c.department, c.dueAt, c.projected, c.waitingFor]);

test('at submission every stage is projected from the previous one, across the National Day holiday', () => {
  const clocks = stageClocks(def, calendar, SUBMITTED, [], SUBMITTED);
  // a: 9/30 (1), holiday, 10/8 (2). b from 10/8: 10/9, 10/10 make-up, 10/12, 10/13, 10/14.
  // c from 10/14: 10/15, 10/16, 10/19. d: 10/15, 10/16, 10/19, 10/20, 10/21.
  expect(view(clocks)).toStrictEqual([
    ['a', endOfCst('2026-10-08'), true, []],
    ['b', endOfCst('2026-10-14'), true, ['a']],
    ['c', endOfCst('2026-10-19'), true, ['a', 'b']],
    ['d', endOfCst('2026-10-21'), true, ['a', 'b']],
  ]);
  expect(stagedDueAt(clocks)).toBe('2026-10-21T16:00:00.000Z');
});

test('an early approval moves the later stages earlier: they open at the approval', () => {
  const a = { department: 'a', status: 'approved' as const, dueAt: endOfCst('2026-10-08'), decidedAt: '2026-09-30T02:00:00.000Z' };
  const clocks = stageClocks(def, calendar, SUBMITTED, [a], new Date('2026-09-30T02:00:00.000Z'));
  // b from 9/30: 10/8, 10/9, 10/10, 10/12, 10/13. c from 10/13: 10/14-10/16. d: 10/14-10/20.
  expect(view(clocks)).toStrictEqual([
    ['a', endOfCst('2026-10-08'), false, []],
    ['b', endOfCst('2026-10-13'), true, []],
    ['c', endOfCst('2026-10-16'), true, ['b']],
    ['d', endOfCst('2026-10-20'), true, ['b']],
  ]);
  expect(stagedDueAt(clocks)).toBe(endOfCst('2026-10-20'));
});

test('an approved branch due later than the rest no longer holds the combined due date', () => {
  // x (10 days) and y (1 day) in stage 1, z (1 day) after y only: x approves at once.
  const wide = { departments: [dept('x', 10), dept('y', 1), dept('z', 1, ['y'])] };
  const x = { department: 'x', status: 'approved' as const, dueAt: endOfCst('2026-10-20'), decidedAt: '2026-09-29T03:00:00.000Z' };
  const y = { department: 'y', status: 'open' as const, dueAt: endOfCst('2026-09-30') };
  const clocks = stageClocks(wide, calendar, SUBMITTED, [x, y], new Date('2026-09-29T04:00:00.000Z'));
  // z opens at the end of y's due day 9/30: its working day is 10/8.
  expect(stagedDueAt(clocks)).toBe(endOfCst('2026-10-08'));
});

test("an open branch's due date (moved by a suspension) moves only the stages after it", () => {
  const a = { department: 'a', status: 'approved' as const, dueAt: endOfCst('2026-10-08'), decidedAt: '2026-09-30T02:00:00.000Z' };
  const b = { department: 'b', status: 'open' as const, dueAt: endOfCst('2026-10-16') };
  const clocks = stageClocks(def, calendar, SUBMITTED, [a, b], new Date('2026-10-09T02:00:00.000Z'));
  expect(view(clocks)).toStrictEqual([
    ['a', endOfCst('2026-10-08'), false, []],
    ['b', endOfCst('2026-10-16'), false, []],
    ['c', endOfCst('2026-10-21'), true, ['b']],
    ['d', endOfCst('2026-10-23'), true, ['b']],
  ]);
});

test('an overdue branch: the next stage cannot open before now', () => {
  const a = { department: 'a', status: 'approved' as const, dueAt: endOfCst('2026-10-08'), decidedAt: '2026-09-30T02:00:00.000Z' };
  const b = { department: 'b', status: 'open' as const, dueAt: endOfCst('2026-10-13') };
  const now = new Date('2026-10-20T02:00:00.000Z'); // Tuesday 10:00 CST, b a week late
  expect(view(stageClocks(def, calendar, SUBMITTED, [a, b], now)).slice(2)).toStrictEqual([
    ['c', endOfCst('2026-10-23'), true, ['b']],
    ['d', endOfCst('2026-10-27'), true, ['b']],
  ]);
});

test('a flat service: one stage, every branch from the opening, as the flat planned due date', () => {
  const flat = { departments: [dept('a', 2), dept('b', 5)] };
  const clocks = stageClocks(flat, calendar, SUBMITTED, [], SUBMITTED);
  expect(view(clocks)).toStrictEqual([
    ['a', endOfCst('2026-10-08'), true, []],
    ['b', endOfCst('2026-10-12'), true, []],
  ]);
});
