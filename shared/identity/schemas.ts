/**
 * zod schemas for form fields. Both trim and upper-case the input first (people type `x`
 * and stray spaces), so the parsed value is the canonical form.
 */
import * as z from 'zod';
import { cstDate } from '../calendar/cst';
import type { Clock } from '../clock';
import { checkCreditCode } from './credit-code';
import { checkResidentId } from './resident-id';

/**
 * A GB 11643 resident ID number. With `clock`, birth dates after today (CST) are rejected.
 *
 * @example z.object({ idNumber: residentIdNumber() }).parse({ idNumber: '41010219850315001x ' })
 */
export function residentIdNumber(opts: { clock?: Clock } = {}) {
  return z
    .string()
    .trim()
    .toUpperCase()
    .check((ctx) => {
      const today = opts.clock ? cstDate(opts.clock.now()) : undefined;
      const result = checkResidentId(ctx.value, today);
      // `params.code`: the stable field code the API and the UI show the message of (shared/i18n).
      if (!result.ok)
        ctx.issues.push({
          code: 'custom',
          input: ctx.value,
          message: `invalid resident ID number: ${result.reason}`,
          params: { code: result.code, ...result.params },
        });
    })
    .describe('Resident ID number (GB 11643, 18 characters)');
}

/** A GB 32100 unified social credit code. @example creditCode().parse('91410183ma9kxy801l') */
export function creditCode() {
  return z
    .string()
    .trim()
    .toUpperCase()
    .check((ctx) => {
      const result = checkCreditCode(ctx.value);
      if (!result.ok)
        ctx.issues.push({
          code: 'custom',
          input: ctx.value,
          message: `invalid unified social credit code: ${result.reason}`,
          params: { code: result.code, ...result.params },
        });
    })
    .describe('Unified social credit code (GB 32100, 18 characters)');
}
