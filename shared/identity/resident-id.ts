/**
 * GB 11643-1999 citizen identity number: 6 region digits, 8 birth-date digits (YYYYMMDD),
 * 3 sequence digits (odd = male) and an ISO 7064 MOD 11-2 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
/**
 * First two digits: GB/T 2260 provinces, plus 81/82/83 used by residence permits of Hong
 * Kong, Macao and Taiwan residents. Finer region digits change yearly, so are not checked.
 */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
  83,
]);

/** The check character of the first 17 digits. @example residentIdCheckChar('41010219850315001') // '0' */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('first17: must be 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += WEIGHTS[i]! * Number(first17.charAt(i)); // 17 weights
  return CHECK_CHARS.charAt(sum % 11);
}

/** Fields decoded from a valid resident ID number. */
export interface ResidentIdInfo {
  regionCode: string;
  birthDate: string;
  sex: 'M' | 'F';
}

/** Why a value is no valid ID number: the sentence, and the stable field code of shared/i18n with its params. */
export interface IdCheckFailure {
  ok: false;
  reason: string;
  code: string;
  params?: Record<string, string | number>;
}

/**
 * Checks an 18-character ID number (upper-case `X`). Returns the problem as a sentence and a
 * code, or the decoded fields. `today` (YYYY-MM-DD, CST) rejects birth dates in the future.
 */
export function checkResidentId(value: string, today?: string): { ok: true; info: ResidentIdInfo } | IdCheckFailure {
  if (value.length !== 18)
    return { ok: false, reason: `must be 18 characters, got ${value.length}`, code: 'id-number-length', params: { length: value.length } };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, reason: 'must be 17 digits followed by a digit or X', code: 'id-number-format' };
  const region = value.slice(0, 6);
  if (!PROVINCES.has(Number(value.slice(0, 2))))
    return { ok: false, reason: `region code ${region} names no province`, code: 'id-number-region', params: { region } };
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isRealDate(birthDate) || birthDate < '1800-01-01')
    return { ok: false, reason: `birth date ${birthDate} is not a valid date`, code: 'id-number-birth-date', params: { birthDate } };
  if (today !== undefined && birthDate > today)
    return { ok: false, reason: `birth date ${birthDate} is in the future`, code: 'id-number-birth-date-future', params: { birthDate } };
  // Deliberately not "should be X": with a typo elsewhere, that hint would invite changing
  // the last character and produce a valid number of somebody else.
  if (residentIdCheckChar(value.slice(0, 17)) !== value[17])
    return { ok: false, reason: 'check character does not match: please re-check every digit', code: 'id-number-check-character' };
  return { ok: true, info: { regionCode: value.slice(0, 6), birthDate, sex: Number(value[16]) % 2 === 1 ? 'M' : 'F' } };
}

/** Whether `value` is a valid resident ID number (format, region, birth date, check character). */
export function isResidentIdNumber(value: string): boolean {
  return checkResidentId(value).ok;
}

function isRealDate(date: string): boolean {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === date;
}
