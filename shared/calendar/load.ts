/**
 * Loading year files: the built-in ones (imported, so that esbuild bundles them into every
 * Lambda with no file-system lookup), a folder of `<year>.json`, and extra files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import builtin2025 from './data/2025.json';
import builtin2026 from './data/2026.json';
import { createWorkingCalendar } from './calendar';
import { CalendarDataError } from './errors';
import { yearFileSchema, type YearFile } from './schema';
import type { CalendarLogger, WorkingCalendar } from './types';

const BUILTIN: Array<[string, unknown]> = [
  ['data/2025.json', builtin2025],
  ['data/2026.json', builtin2026],
];
const YEAR_FILE_RE = /^(\d{4})\.json$/;

/** Validates one year file's content; the error names the file and the field. */
export function parseYearFile(file: string, content: unknown): YearFile {
  const result = yearFileSchema.safeParse(content);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
    throw new CalendarDataError(file, field, issue?.message ?? 'invalid', { cause: result.error });
  }
  return result.data;
}

/** Reads and validates a year file from disk. */
export function readYearFile(file: string): YearFile {
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CalendarDataError(file, '(file)', err instanceof Error ? err.message : String(err), { cause: err });
  }
  return parseYearFile(file, content);
}

function readFolder(dir: string): YearFile[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => YEAR_FILE_RE.test(n));
  } catch (err) {
    throw new CalendarDataError(dir, '(folder)', err instanceof Error ? err.message : String(err), { cause: err });
  }
  return names.sort().map((name) => {
    const file = readYearFile(join(dir, name));
    if (String(file.year) !== YEAR_FILE_RE.exec(name)?.[1])
      throw new CalendarDataError(join(dir, name), 'year', `is ${file.year} but the file is named ${name}`);
    return file;
  });
}

/**
 * Loads the working-day calendar. Without `dir`, the built-in years (`data/*.json`) are
 * used; with `dir`, every `<year>.json` in that folder instead. `files` are added on top and
 * replace a year of the same number (an operator's corrected notice). Throws
 * `CalendarDataError` naming the file and field of the first problem.
 *
 * @example
 * const calendar = loadCalendar({ files: ['/etc/onething/2027.json'] });
 * calendar.years(); // [2025, 2026, 2027]
 */
export function loadCalendar(opts: { dir?: string; files?: string[]; logger?: CalendarLogger } = {}): WorkingCalendar {
  const base = opts.dir !== undefined ? readFolder(opts.dir) : BUILTIN.map(([name, content]) => parseYearFile(name, content));
  const byYear = new Map(base.map((f) => [f.year, f]));
  const extraYears = new Map<number, string>();
  for (const path of opts.files ?? []) {
    const file = readYearFile(path);
    const clash = extraYears.get(file.year);
    if (clash) throw new CalendarDataError(path, 'year', `${file.year} is also given by ${basename(clash)}`);
    extraYears.set(file.year, path);
    byYear.set(file.year, file);
  }
  return createWorkingCalendar([...byYear.values()], opts.logger ?? defaultLogger());
}

function defaultLogger(): CalendarLogger {
  const logger = new Logger({ serviceName: 'onething-calendar' });
  return { warn: (msg, extra) => logger.warn(msg, { ...extra }) };
}
