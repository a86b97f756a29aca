/**
 * Errors that only exist at the HTTP edge. Domain errors live in `shared/errors.ts`; these add
 * the protocol-level statuses API Gateway and the middleware produce themselves.
 */
import { AppError } from '../../shared/errors';

/** The request body is not JSON (`Content-Type` other than `application/json` or `+json`). */
export class UnsupportedMediaTypeError extends AppError {
  readonly status = 415;
  readonly code = 'unsupported-media-type';
  readonly title = 'Unsupported media type';
}

/** The path exists but not with this method. `allow` becomes the `Allow` response header. */
export class MethodNotAllowedError extends AppError {
  readonly status = 405;
  readonly code = 'method-not-allowed';
  readonly title = 'Method not allowed';
  constructor(
    message: string,
    readonly allow: string[],
  ) {
    super(message);
  }
}

/** The service is up but not ready yet (local components still starting). Retry helps. */
export class NotReadyError extends AppError {
  readonly status = 503;
  readonly code = 'not-ready';
  readonly title = 'Not ready';
  override readonly retryable = true;
  // A readiness message names no internals, so it may be shown despite the 5xx status.
  override get expose(): boolean {
    return true;
  }
}
