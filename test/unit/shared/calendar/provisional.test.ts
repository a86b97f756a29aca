import { loadCalendar } from '../../../../shared/calendar';
import { cst, endOf, recordingLogger } from './helpers';

test('a due date reaching into 2027 (no data) is Monday-Friday, provisional, and warned about once', () => {
  const logger = recordingLogger();
  const calendar = loadCalendar({ logger });
  // 12/31 (1), 2027-01-01 Friday (2): probably 元旦 in reality, hence provisional.
  expect(calendar.dueAt(cst('2026-12-30 09:00'), 2)).toEqual({ dueAt: endOf('2027-01-01'), provisional: true });
  expect(calendar.dueAt(cst('2026-12-30 09:00'), 4)).toEqual({ dueAt: endOf('2027-01-05'), provisional: true });
  expect(calendar.isWorkingDay('2027-01-04')).toBe(true);
  expect(calendar.isWorkingDay('2027-01-02')).toBe(false);
  expect(logger.warnings).toHaveLength(1);
  expect(logger.warnings[0]!.msg).toMatch(/no holiday data for 2027/);
  expect(logger.warnings[0]!.extra).toEqual({ year: 2027, loadedYears: [2025, 2026] });
});

test('a due date ending on 12/31 does not touch 2027 and is not provisional', () => {
  const logger = recordingLogger();
  const calendar = loadCalendar({ logger });
  expect(calendar.dueAt(cst('2026-12-29 09:00'), 2)).toEqual({ dueAt: endOf('2026-12-31'), provisional: false });
  expect(logger.warnings).toEqual([]);
});

test('each missing year is warned about separately', () => {
  const logger = recordingLogger();
  const calendar = loadCalendar({ logger });
  calendar.workingDaysUsed(cst('2024-12-30 09:00'), cst('2025-01-03 09:00'));
  calendar.dueAt(cst('2026-12-30 09:00'), 2);
  calendar.dueAt(cst('2026-12-30 09:00'), 3);
  expect(logger.warnings.map((w) => (w.extra as { year: number }).year)).toEqual([2024, 2027]);
});

test('warnAt is computed with the same provisional rule', () => {
  const logger = recordingLogger();
  const calendar = loadCalendar({ logger });
  expect(calendar.warnAt(cst('2026-12-30 09:00'), 4, 0.5)).toEqual(endOf('2027-01-01'));
  expect(logger.warnings).toHaveLength(1);
});
