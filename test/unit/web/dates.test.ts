import { formatDueDay, formatInstant, workingDaysLeft } from '../../../web/src/lib/dates';

describe('due dates as people read them (CST)', () => {
  test('a due instant is shown as the working day it ends, not the midnight after it', () => {
    expect(formatDueDay('2026-12-17T16:00:00Z', 'zh-CN')).toBe('2026年12月17日');
    expect(formatDueDay('2026-12-17T16:00:00Z', 'en')).toBe('2026-12-17');
  });

  test('events are shown in China Standard Time', () => {
    expect(formatInstant('2026-12-02T22:18:00Z', 'zh-CN')).toBe('2026年12月3日 06:18');
  });

  test('the countdown skips the National Day holidays and counts the make-up Saturday', () => {
    // Opened Wed 2026-09-30 with 3 working days: due at the end of Sat 10/10 (10/1-10/7 off,
    // 10/8 and 10/9 working, 10/10 a make-up working day) — the API's own calendar says so.
    const now = new Date('2026-09-30T02:00:00Z');
    expect(workingDaysLeft('2026-10-10T16:00:00Z', now)).toBe(3);
    // On the due day itself: due today.
    expect(workingDaysLeft('2026-10-10T16:00:00Z', new Date('2026-10-10T03:00:00Z'))).toBe(0);
    // Two working days later (Mon 10/12, Tue 10/13): two working days overdue.
    expect(workingDaysLeft('2026-10-10T16:00:00Z', new Date('2026-10-13T03:00:00Z'))).toBe(-2);
  });
});
