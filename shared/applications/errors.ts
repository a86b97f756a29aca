import type * as z from 'zod';
import { AppError, DependencyError, ValidationError, type FieldError } from '../errors';
import { fieldErrorsFromIssues } from '../i18n/zod-issues';

/**
 * Errors of the applications module. Domain outcomes use the classes of `shared/errors.ts`;
 * `classifyAwsError` tells a transient AWS SDK failure from a bug. The services throw SDK
 * errors as they come; each edge classifies once: the HTTP middleware (`problemErrors`,
 * 503 instead of 500) and the step handler (`asStepError`, retried by the state machine).
 */

/** DynamoDB refused a conditional write: the item is not in the state we expected. */
export const isConditionalCheckFailed = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

/** Step Functions names for a token that can no longer take a result: leave it for the next wait. */
const STALE_TOKEN = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);
export const isStaleToken = (error: unknown): boolean => error instanceof Error && STALE_TOKEN.has(error.name);

const TRANSIENT = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'SlowDown',
  'TimeoutError',
]);

/**
 * Wraps an SDK failure a retry may fix in a `DependencyError` (503, retried by the state
 * machine); anything else is returned unchanged, so its `name` still says what went wrong.
 */
export function classifyAwsError(error: unknown, operation: string): unknown {
  if (error instanceof AppError || !(error instanceof Error)) return error;
  const meta = (error as { $metadata?: { httpStatusCode?: number } }).$metadata;
  const status = meta?.httpStatusCode;
  const transient =
    TRANSIENT.has(error.name) ||
    (status !== undefined && status >= 500) ||
    (error as { $retryable?: unknown }).$retryable !== undefined ||
    // An SDK error that is no modelled service error and has no HTTP status got no response
    // at all (connection refused, reset, timed out).
    (meta !== undefined && status === undefined && (error as { $fault?: unknown }).$fault === undefined) ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes((error as { code?: string }).code ?? '');
  return transient ? new DependencyError(`${operation} failed: ${error.name}`, { cause: error }) : error;
}

/** A ValidationError from zod issues, each path prefixed (`form`, `materials`) and dotted, each with its field code. */
export function validationFromIssues(issues: readonly z.core.$ZodIssue[], prefix = ''): ValidationError {
  return new ValidationError(fieldErrorsFromIssues(issues, (segments) => fieldPath(prefix, segments)));
}

/** `form` + ['child', 'idNumber'] -> `form.child.idNumber`; numbers become `[i]`. */
export function fieldPath(prefix: string, path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${String(seg)}` : String(seg)),
    prefix,
  );
}

export type { FieldError };
