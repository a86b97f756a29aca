/** History event names and detail helpers shared by the state handlers. */
import type { StateType } from '../definition/types';

/**
 * JSON text of objects already written, by identity: a state's output is the next state's
 * input and every Parallel branch's input, so one object appears in several events. Values
 * are never changed in place (expressions/README.md, "Results are not copies"; Lambda
 * handlers get a copy), so a text stays right for its object.
 */
const texts = new WeakMap<object, string>();

/** JSON text of a value as history events carry it (`undefined` → `null`). */
export function json(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  let text = texts.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    texts.set(value, text);
  }
  return text;
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
