/**
 * The resident ID number check in the browser: the API's own rule (shared/identity/resident-id,
 * GB 11643 with its MOD 11-2 check character), with the problem named in the user's language.
 */
import { checkResidentId } from '../../../shared/identity/resident-id';

export type IdCardProblem = 'length' | 'format' | 'region' | 'birth-date' | 'check-character';

// The shared check reports in sentences; these name which rule failed, in its order.
const KINDS: Array<[RegExp, IdCardProblem]> = [
  [/^must be 18 characters/, 'length'],
  [/^must be 17 digits/, 'format'],
  [/^region code/, 'region'],
  [/^birth date/, 'birth-date'],
  [/^check character/, 'check-character'],
];

/** Why `value` is not a valid resident ID number, or `undefined` when it is. */
export function idCardProblem(value: string, today?: string): IdCardProblem | undefined {
  const result = checkResidentId(value, today);
  if (result.ok) return undefined;
  return KINDS.find(([pattern]) => pattern.test(result.reason))?.[1] ?? 'format';
}

/** `410106********0034`: ID numbers are masked wherever they are listed. */
export const maskIdNumber = (value: string): string => (value.length === 18 ? `${value.slice(0, 6)}********${value.slice(14)}` : '****');
