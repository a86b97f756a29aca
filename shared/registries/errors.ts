/**
 * Registry errors. Malformed look-up arguments throw the identity module's
 * `InvalidIdentifierError`; this file covers the registry data itself.
 */
import { AppError } from '../errors';

/** The synthetic registry data fails validation; `field` is the dotted path of the first issue. */
export class RegistryDataError extends AppError {
  readonly status = 500;
  readonly code = 'registry-data';
  readonly title = 'Registry data invalid';
  constructor(
    readonly field: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`synthetic registry data: ${field}: ${detail}`, options);
  }
}
