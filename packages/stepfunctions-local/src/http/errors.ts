import { SfnError } from '../api-types';

/**
 * Errors raised by the HTTP front end itself, before the engine sees a request. They reuse
 * `SfnError` so that one serialiser writes every error in AWS's JSON 1.0 shape. None of them
 * can succeed on a retry of the same request.
 */

/** The body is not a JSON object (AWS answers `SerializationException`). */
export class SerializationError extends SfnError {
  constructor(message: string) {
    super('SerializationException', message, 400);
  }
}

/** The `X-Amz-Target` header is missing or names no Step Functions operation. */
export class UnknownOperationError extends SfnError {
  constructor(target: string | undefined) {
    super(
      'UnknownOperationException',
      target === undefined ? 'Missing X-Amz-Target header' : `Unknown operation ${JSON.stringify(target.slice(0, 100))}`,
      400,
    );
  }
}

/** The request is not a POST to `/` (the only route of the JSON 1.0 protocol). */
export class MethodNotAllowedError extends SfnError {
  constructor(method: string, path: string) {
    super('UnknownOperationException', `Only POST / is served (got ${method} ${path.slice(0, 100)})`, method === 'POST' ? 404 : 405);
  }
}

/** The body exceeds the server's limit; mirrors the 413 AWS front ends return. */
export class RequestTooLargeError extends SfnError {
  constructor(limitBytes: number) {
    super('RequestEntityTooLargeException', `Request body exceeds ${limitBytes} bytes`, 413);
  }
}

/** The server's `guard` refused the request (e.g. a foreign Host or Origin); AWS's IAM denial. */
export class AccessDeniedError extends SfnError {
  constructor(reason: string) {
    super('AccessDeniedException', reason, 403);
  }
}

/** Anything the engine threw that is not an `SfnError`: shown to clients without internals. */
export class InternalFailure extends SfnError {
  constructor() {
    super('InternalFailure', 'The request processing has failed because of an unknown error.', 500);
  }
}

/** The client went away before its body ended: there is no one to answer (not an SfnError). */
export class ClientClosedError extends Error {
  constructor(cause?: unknown) {
    super('Client closed the connection before the request body ended', { cause });
    this.name = 'ClientClosedError';
  }
}
