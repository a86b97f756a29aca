/** Guards for adapters that receive identifiers from code rather than from a form. */
import { checkCreditCode } from './credit-code';
import { InvalidIdentifierError } from './errors';
import { checkResidentId } from './resident-id';

/** Returns the upper-cased ID number, or throws `InvalidIdentifierError` naming `field`. */
export function assertResidentIdNumber(field: string, value: unknown): string {
  if (typeof value !== 'string') throw new InvalidIdentifierError(field, 'must be a string');
  const normalized = value.trim().toUpperCase();
  const result = checkResidentId(normalized);
  if (!result.ok) throw new InvalidIdentifierError(field, `invalid resident ID number: ${result.reason}`);
  return normalized;
}

/** Returns the upper-cased credit code, or throws `InvalidIdentifierError` naming `field`. */
export function assertCreditCode(field: string, value: unknown): string {
  if (typeof value !== 'string') throw new InvalidIdentifierError(field, 'must be a string');
  const normalized = value.trim().toUpperCase();
  const result = checkCreditCode(normalized);
  if (!result.ok) throw new InvalidIdentifierError(field, `invalid unified social credit code: ${result.reason}`);
  return normalized;
}
