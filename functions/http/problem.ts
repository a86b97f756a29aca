/**
 * RFC 9457 problem details. Every error leaving the API goes through `problemResponse`, so the
 * rule "5xx never shows internals" lives in exactly one place.
 */
import { AppError, InternalError, ValidationError, type FieldError } from '../../shared/errors';
import { MethodNotAllowedError } from './errors';
import { PROBLEM_TYPE, jsonResponse, type HttpResult } from './responses';

export const PROBLEM_BASE = 'https://onething.dev/problems/';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
}

const HIDDEN_DETAIL = 'The request could not be completed. Quote the instance when reporting the problem.';

/** The problem body for any thrown value; unknown errors become a generic 500. */
export function toProblem(error: unknown, requestId?: string): Problem {
  const known = error instanceof AppError ? error : new InternalError('unexpected error', { cause: error });
  const problem: Problem = {
    type: PROBLEM_BASE + known.code,
    title: known.title,
    status: known.status,
    detail: known.expose ? known.message : HIDDEN_DETAIL,
  };
  if (requestId) problem.instance = `urn:onething:request:${requestId}`;
  if (known instanceof ValidationError) problem.errors = known.errors;
  return problem;
}

/**
 * The HTTP result for a thrown value.
 *
 * @example problemResponse(new NotFoundError('no application A123'), context.awsRequestId)
 */
export function problemResponse(error: unknown, requestId?: string): HttpResult {
  const problem = toProblem(error, requestId);
  const headers: Record<string, string> = {};
  if (error instanceof MethodNotAllowedError) headers.allow = error.allow.join(', ');
  if (error instanceof AppError && error.retryable) headers['retry-after'] = '1';
  return jsonResponse(problem.status, problem, { contentType: PROBLEM_TYPE, headers });
}
