/**
 * Domain errors. They become RFC 9457 problem+json only at the edge (functions/http);
 * `expose` says whether the message may be shown (only for statuses below 500).
 */
export interface FieldError {
  /** Dotted path of the offending field, e.g. `form.child.idNumber`. */
  path: string;
  message: string;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  /** Short stable slug; the problem `type` is `https://onething.dev/problems/<code>`. */
  abstract readonly code: string;
  abstract readonly title: string;
  /** Whether a retry of the same request can help. */
  readonly retryable: boolean = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
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
