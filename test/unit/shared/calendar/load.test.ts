import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CalendarDataError, loadCalendar } from '../../../../shared/calendar';
import { cst, endOf, recordingLogger } from './helpers';

const year2027 = {
  year: 2027,
  source: 'test notice',
  published: '2026-11-01',
  holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
  workdays: [],
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'onething-calendar-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

test('an extra file adds a year, and the year is no longer provisional', () => {
  const logger = recordingLogger();
  const calendar = loadCalendar({ files: [write('2027.json', year2027)], logger });
  expect(calendar.years()).toEqual([2025, 2026, 2027]);
  // 12/31 (1), 1/1-1/3 off, 1/4 Monday (2).
  expect(calendar.dueAt(cst('2026-12-30 09:00'), 2)).toEqual({ dueAt: endOf('2027-01-04'), provisional: false });
  expect(logger.warnings).toEqual([]);
});

test('`dir` replaces the built-in folder: only its years are loaded', () => {
  write('2027.json', year2027);
  write('README.txt', 'not a year file, ignored');
  const logger = recordingLogger();
  const calendar = loadCalendar({ dir, logger });
  expect(calendar.years()).toEqual([2027]);
  expect(calendar.dueAt(cst('2026-09-30 10:00'), 1).provisional).toBe(true);
});

test('an extra file replaces the same year (a corrected notice)', () => {
  const corrected = { ...year2027, year: 2026, holidays: [{ name: 'test', from: '2026-03-02', to: '2026-03-02' }] };
  const calendar = loadCalendar({ files: [write('2026-corrected.json', corrected)], logger: recordingLogger() });
  expect(calendar.isWorkingDay('2026-03-02')).toBe(false);
  expect(calendar.isWorkingDay('2026-10-08')).toBe(true);
  expect(calendar.isWorkingDay('2026-10-01')).toBe(true);
});

test.each([
  ['a missing field', { ...year2027, source: undefined }, 'source'],
  ['an unknown field', { ...year2027, extra: 1 }, '(root)'],
  ['an impossible date', { ...year2027, published: '2026-02-30' }, 'published'],
  ['a holiday ending before it starts', { ...year2027, holidays: [{ name: 'x', from: '2027-01-03', to: '2027-01-01' }] }, 'holidays.0.to'],
  ['a holiday in another year', { ...year2027, holidays: [{ name: 'x', from: '2028-01-01', to: '2028-01-01' }] }, 'holidays.0.from'],
  ['a make-up day on a weekday', { ...year2027, workdays: ['2027-01-05'] }, 'workdays.0'],
  ['a make-up day inside a holiday', { ...year2027, workdays: ['2027-01-02'] }, 'workdays.0'],
  ['a year that is not a number', { ...year2027, year: '2027' }, 'year'],
])('a file with %s fails loudly naming the field', (_case, content, field) => {
  const path = write('2027.json', content);
  const error = captureError(() => loadCalendar({ files: [path] }));
  expect(error).toBeInstanceOf(CalendarDataError);
  expect(error).toMatchObject({ file: path, field });
  expect((error as Error).message).toContain(`${path}: ${field}: `);
});

test('a December date of the previous year is allowed (元旦 may start there)', () => {
  const spanning = { ...year2027, holidays: [{ name: '元旦', from: '2026-12-31', to: '2027-01-02' }] };
  const calendar = loadCalendar({ files: [write('2027.json', spanning)], logger: recordingLogger() });
  expect(calendar.isWorkingDay('2026-12-31')).toBe(false);
});

test('a file that is not JSON fails naming the file', () => {
  const path = write('2027.json', '{ nope');
  expect(captureError(() => loadCalendar({ files: [path] }))).toMatchObject({ file: path, field: '(file)' });
});

test('a missing folder fails naming the folder', () => {
  expect(captureError(() => loadCalendar({ dir: join(dir, 'missing') }))).toMatchObject({ field: '(folder)' });
});

test('a file in the folder named for another year fails', () => {
  write('2028.json', year2027);
  expect(captureError(() => loadCalendar({ dir }))).toMatchObject({ field: 'year', message: expect.stringContaining('named 2028.json') });
});

test('two extra files for the same year fail', () => {
  const a = write('a.json', year2027);
  const b = write('b.json', year2027);
  expect(captureError(() => loadCalendar({ files: [a, b] }))).toMatchObject({ file: b, field: 'year' });
});

test('the built-in files are valid (the data a deployment ships)', () => {
  expect(loadCalendar({ dir: join(__dirname, '../../../../shared/calendar/data'), logger: recordingLogger() }).years()).toEqual([
    2025, 2026,
  ]);
});

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}
