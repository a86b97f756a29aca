/**
 * GB 32100-2015 unified social credit code (统一社会信用代码): registration authority,
 * entity type, 6 region digits, 9-character organisation code and a MOD 31 check character.
 */
import type { IdCheckFailure } from './resident-id';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character of the first 17 characters. @example creditCodeCheckChar('91410183MA9KXY801') // 'L' */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17 || [...first17].some((c) => !CHARSET.includes(c))) {
    throw new RangeError(`first17: must be 17 characters of ${CHARSET}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += WEIGHTS[i]! * CHARSET.indexOf(first17.charAt(i)); // 17 weights
  return CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** Checks a credit code (upper case). Returns the problem as a sentence and a field code (shared/i18n), or ok. */
export function checkCreditCode(value: string): { ok: true } | IdCheckFailure {
  if (value.length !== 18)
    return {
      ok: false,
      reason: `must be 18 characters, got ${value.length}`,
      code: 'credit-code-length',
      params: { length: value.length },
    };
  const bad = [...value].find((c) => !CHARSET.includes(c));
  if (bad !== undefined) {
    const character = JSON.stringify(bad);
    return {
      ok: false,
      reason: `character ${character} is not allowed (I, O, S, V, Z are never used)`,
      code: 'credit-code-character',
      params: { character },
    };
  }
  if (!/^\d{6}$/.test(value.slice(2, 8)))
    return { ok: false, reason: 'characters 3-8 must be the region digits', code: 'credit-code-region' };
  // Same reasoning as for ID numbers: no "should be L" hint that would hide a typo elsewhere.
  if (creditCodeCheckChar(value.slice(0, 17)) !== value[17])
    return { ok: false, reason: 'check character does not match: please re-check every character', code: 'credit-code-check-character' };
  return { ok: true };
}

/** Whether `value` is a valid unified social credit code. */
export function isCreditCode(value: string): boolean {
  return checkCreditCode(value).ok;
}
