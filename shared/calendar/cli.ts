/**
 * Operator CLI: validates a holiday data file before it is deployed and prints its working
 * days per month, to compare by hand with the State Council notice.
 *
 *   npx tsx shared/calendar/cli.ts check shared/calendar/data/2027.json
 */
import { createWorkingCalendar } from './calendar';
import { CalendarError } from './errors';
import { readYearFile } from './load';

/** Runs the CLI on `args` (without node and script); returns the exit code. */
export function runCli(args: string[], out: (line: string) => void, err: (line: string) => void): number {
  const [command, path, ...rest] = args;
  if (command !== 'check' || path === undefined || rest.length > 0) {
    err('usage: tsx shared/calendar/cli.ts check <year-file.json>');
    return 2;
  }
  try {
    const file = readYearFile(path);
    // The file's own year is the only one consulted, so no provisional warning can occur.
    const calendar = createWorkingCalendar([file], { warn: (msg) => err(msg) });
    out(`${path}: valid (${file.year}, ${file.source}, published ${file.published})`);
    for (const h of file.holidays) out(`  holiday  ${h.from}..${h.to}  ${h.name}`);
    for (const w of file.workdays) out(`  make-up  ${w}`);
    let total = 0;
    for (let month = 1; month <= 12; month++) {
      const days = workingDaysIn((day) => calendar.isWorkingDay(day), file.year, month);
      total += days;
      out(`  ${file.year}-${String(month).padStart(2, '0')}  ${days} working days`);
    }
    out(`  total    ${total} working days`);
    return 0;
  } catch (e) {
    if (e instanceof CalendarError) {
      err(e.message);
      return 1;
    }
    throw e;
  }
}

function workingDaysIn(isWorkingDay: (date: string) => boolean, year: number, month: number): number {
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  let count = 0;
  for (let d = 1; d <= length; d++) {
    if (isWorkingDay(`${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`)) count++;
  }
  return count;
}

if (require.main === module) {
  process.exitCode = runCli(process.argv.slice(2), console.log, console.error);
}
