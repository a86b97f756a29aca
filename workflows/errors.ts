/** Errors of the service catalog and the ASL generator. */
import { InternalError, NotFoundError } from '../shared/errors';
import { applicationProblem } from '../shared/i18n';

/** No service with this id is in the catalog (HTTP 404). */
export class UnknownServiceError extends NotFoundError {
  constructor(readonly serviceId: string) {
    super(applicationProblem('service-not-found', { serviceId }));
  }
}

/** The service exists but not in this version (an application names a version never defined). */
export class UnknownServiceVersionError extends NotFoundError {
  constructor(
    readonly serviceId: string,
    readonly version: number,
  ) {
    super(applicationProblem('service-version-not-found', { serviceId, version }));
  }
}

/**
 * A service definition breaks a rule of the data model. It is a programming error, found
 * when the catalog loads (cold start, tests), so a retry cannot help.
 */
export class InvalidDefinitionError extends InternalError {
  constructor(
    readonly serviceId: string,
    readonly problems: string[],
  ) {
    super(`Service definition "${serviceId}" is invalid: ${problems.join('; ')}`);
  }
}

/** An ASL template names a `${...}` placeholder that no substitution was given for. */
export class MissingSubstitutionError extends InternalError {
  constructor(readonly placeholders: string[]) {
    super(`No substitution for ${placeholders.map((p) => '${' + p + '}').join(', ')}`);
  }
}
