/**
 * Domain errors. They become RFC 9457 problem+json only at the edge (functions/http);
 * `expose` says whether the message may be shown (only for statuses below 500).
 * Thrown with a `ProblemText` (from a `defineProblems` factory of shared/i18n) an error has
 * its own stable code and texts in both languages; thrown with a plain English message it
 * has its class's generic code and texts.
 */
import type { ProblemText } from './i18n/registry';
import type { Params } from './i18n/text';

export interface FieldError {
  /** Dotted path of the offending field, e.g. `form.child.idNumber`. */
  path: string;
  /** English text; the edge shows the catalog text of `code` in the caller's language. */
  message: string;
  /** Stable field code of shared/i18n (e.g. `id-number-check-character`); absent: `invalid`. */
  code?: string;
  /** Values of the code's `{name}` placeholders. */
  params?: Params;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  /** The class's generic stable slug (`not-found`); see `problemCode` for the problem `type`. */
  abstract readonly code: string;
  abstract readonly title: string;
  /** Whether a retry of the same request can help. */
  readonly retryable: boolean = false;

  /** The specific code and params when thrown with a `ProblemText`. */
  readonly problemText?: ProblemText;

  constructor(message: string | ProblemText, options?: { cause?: unknown }) {
    super(typeof message === 'string' ? message : message.en, options);
    this.name = new.target.name;
    if (typeof message !== 'string') this.problemText = message;
  }

  /** The code of the problem `type`: the specific one if thrown with a `ProblemText`, else the class's. */
  get problemCode(): string {
    return this.problemText?.code ?? this.code;
  }

  get expose(): boolean {
    return this.status < 500;
  }
}

export class MalformedRequestError extends AppError {
  readonly status = 400;
  readonly code = 'malformed-request';
  readonly title = 'Malformed request';
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly code = 'unauthorized';
  readonly title = 'Authentication required';
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly code = 'forbidden';
  readonly title = 'Forbidden';
}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly code = 'not-found';
  readonly title = 'Not found';
}

export class ConflictError extends AppError {
  readonly status = 409;
  readonly code = 'conflict';
  readonly title = 'Conflict with the current state';
}

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly code = 'payload-too-large';
  readonly title = 'Payload too large';
}

export class ValidationError extends AppError {
  readonly status = 422;
  readonly code = 'validation';
  readonly title = 'Validation failed';
  constructor(
    readonly errors: FieldError[],
    message = errors.map((e) => `${e.path}: ${e.message}`).join('; '),
  ) {
    super(message);
  }
}

/** A dependency failed in a way a retry may fix (throttling, timeouts). Never exposed. */
export class DependencyError extends AppError {
  readonly status = 503;
  readonly code = 'dependency-unavailable';
  readonly title = 'Service temporarily unavailable';
  override readonly retryable = true;
}

export class InternalError extends AppError {
  readonly status = 500;
  readonly code = 'internal';
  readonly title = 'Internal error';
}
