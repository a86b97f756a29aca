import { DependencyError } from '../errors';

/**
 * Concurrent writers kept taking the next sequence number. Retryable: the chain is intact,
 * only this append lost the race repeatedly.
 */
export class AuditConflictError extends DependencyError {
  constructor(
    readonly applicationId: string,
    readonly attempts: number,
    cause: unknown,
  ) {
    super(`timing log of ${applicationId}: next sequence number taken ${attempts} times in a row`, { cause });
  }
}
