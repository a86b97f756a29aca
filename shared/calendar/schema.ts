/**
 * The holiday data file of one year (`data/<year>.json`), transcribed from the State
 * Council's notice (国务院办公厅关于<year>年部分节假日安排的通知).
 */
import * as z from 'zod';
import { dateToDay, weekdayOf, yearOf } from './cst';

const isoDate = z.string().refine((s) => dateToDay(s) !== undefined, { message: 'must be a real date YYYY-MM-DD' });

const holiday = z
  .object({
    name: z.string().min(1),
    from: isoDate,
    to: isoDate,
  })
  .strict()
  .refine((h) => h.from <= h.to, { message: '`from` must not be after `to`', path: ['to'] });

export const yearFileSchema = z
  .object({
    year: z.number().int().min(1990).max(2200),
    source: z.string().min(1),
    published: isoDate,
    holidays: z.array(holiday).min(1),
    workdays: z.array(isoDate),
  })
  .strict()
  .superRefine((file, ctx) => {
    // A notice may reach into the previous December (e.g. 元旦 2017-12-30..2018-01-01),
    // never further; a date outside that window is a typo in the year.
    const inWindow = (date: string) => {
      const day = dateToDay(date) ?? 0;
      return yearOf(day) === file.year || (yearOf(day) === file.year - 1 && date.slice(5, 7) === '12');
    };
    file.holidays.forEach((h, i) => {
      for (const key of ['from', 'to'] as const) {
        if (!inWindow(h[key])) ctx.addIssue({ code: 'custom', path: ['holidays', i, key], message: `${h[key]} is outside ${file.year}` });
      }
    });
    file.workdays.forEach((date, i) => {
      const day = dateToDay(date) ?? 0;
      if (!inWindow(date)) ctx.addIssue({ code: 'custom', path: ['workdays', i], message: `${date} is outside ${file.year}` });
      // A make-up working day only means something on a weekend.
      if (weekdayOf(day) !== 0 && weekdayOf(day) !== 6)
        ctx.addIssue({ code: 'custom', path: ['workdays', i], message: `${date} is not a Saturday or Sunday` });
      if (file.holidays.some((h) => h.from <= date && date <= h.to))
        ctx.addIssue({ code: 'custom', path: ['workdays', i], message: `${date} is inside a holiday` });
    });
  });

/** A validated year file. */
export type YearFile = z.infer<typeof yearFileSchema>;
