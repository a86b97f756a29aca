/**
 * Identity errors: thrown by `assertResidentIdNumber`/`assertCreditCode` when code passes a malformed
 * identifier. Form validation does not throw these; it reports zod issues instead.
 */
import { AppError } from '../errors';

/** An ID number or credit code is malformed; `field` names the argument or form field. */
export class InvalidIdentifierError extends AppError {
  readonly status = 422;
  readonly code = 'invalid-identifier';
  readonly title = 'Invalid identifier';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}
