/** History event names and detail helpers shared by the state handlers. */
import type { StateType } from '../definition/types';

/** JSON text of a value as history events carry it (`undefined` → `null`). */
export function json(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/** `PassStateEntered`, `TaskStateEntered`, ... */
export function stateEntered(type: StateType): string {
  return `${type}StateEntered`;
}

/** `PassStateExited`, `TaskStateExited`, ... */
export function stateExited(type: StateType): string {
  return `${type}StateExited`;
}

/** `{error, cause}` without the absent ones, as AWS omits them. */
export function errorDetails(error: string | null | undefined, cause: string | null | undefined): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  if (error !== null && error !== undefined) details.error = error;
  if (cause !== null && cause !== undefined) details.cause = cause;
  return details;
}
