import { SfnError, type SfnApi } from '../api-types';
import { InternalFailure, MethodNotAllowedError } from './errors';
import { errorBody, parseBody, parseTarget } from './protocol';

/** A request of the JSON 1.0 protocol as both front ends (HTTP server, in-process handler) see it. */
export interface SfnRequest {
  method: string;
  /** Path and query, e.g. `/`. */
  path: string;
  target: string | undefined;
  body: Buffer;
}

/** The answer as AWS writes it: status, JSON body, and the error code for `x-amzn-ErrorType`. */
export interface SfnAnswer {
  status: number;
  body: string;
  errorCode?: string;
}

/**
 * Runs one request against the API and writes the answer AWS would: the output as JSON, or an
 * `SfnError` as `{"__type", "message"}` with its status. Anything else becomes `InternalFailure`
 * (500) after `onInternalError` saw it.
 */
export async function dispatchSfnRequest(api: SfnApi, req: SfnRequest, onInternalError: (err: unknown) => void): Promise<SfnAnswer> {
  try {
    if (req.method !== 'POST' || (req.path !== '/' && !req.path.startsWith('/?'))) throw new MethodNotAllowedError(req.method, req.path);
    const operation = parseTarget(req.target);
    const input = parseBody(req.body);
    return { status: 200, body: JSON.stringify(await api.call(operation, input)) };
  } catch (err) {
    return errorAnswer(err, onInternalError);
  }
}

/** The answer for an error raised before or outside the API (its `SfnError` shape, or `InternalFailure`). */
export function errorAnswer(err: unknown, onInternalError: (err: unknown) => void): SfnAnswer {
  const known = err instanceof SfnError ? err : new InternalFailure();
  if (!(err instanceof SfnError)) onInternalError(err);
  return { status: known.httpStatus, body: errorBody(known), errorCode: known.code };
}
