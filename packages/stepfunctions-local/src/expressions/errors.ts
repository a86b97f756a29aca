/**
 * Runtime errors of an execution, named and worded as AWS Step Functions reports them.
 * The interpreter prefixes `cause` with "An error occurred while executing the state ..."
 * and decides whether Retry/Catch may handle the error (States.Runtime is never caught).
 */
export class StatesError extends Error {
  override readonly name = 'StatesError';

  constructor(
    readonly error: string,
    override readonly cause: string,
  ) {
    super(`${error}: ${cause}`);
  }
}

/** Error names used by the expression layer. */
export const ErrorNames = {
  runtime: 'States.Runtime',
  intrinsicFailure: 'States.IntrinsicFailure',
  queryEvaluation: 'States.QueryEvaluationError',
  resultPathMatch: 'States.ResultPathMatchFailure',
} as const;

/** `States.Runtime` for a path that cannot be resolved (Jayway's wording after the colon). */
export function invalidPath(path: string, detail: string): StatesError {
  return new StatesError(ErrorNames.runtime, `Invalid path '${path}' : ${detail}`);
}

/** `States.IntrinsicFailure` naming the intrinsic function that failed. */
export function intrinsicFailure(functionName: string, detail: string): StatesError {
  return new StatesError(ErrorNames.intrinsicFailure, `${functionName}: ${detail}`);
}

/**
 * A definition that cannot be evaluated at all (bad path syntax, unknown intrinsic).
 * Thrown as `States.Runtime`; the engine's validation normally rejects these earlier.
 */
export function malformed(kind: string, text: string, detail: string): StatesError {
  return new StatesError(ErrorNames.runtime, `The ${kind} '${text}' is invalid: ${detail}`);
}

export type { PathContext, Variables } from './types';
