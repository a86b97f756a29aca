/** Request field checks with AWS's ValidationException wording. */
import type { JsonObject } from '../api-types';
import { validationError } from '../errors';

export interface StringRule {
  min?: number;
  max?: number;
}

/** A required string field within the length bounds. */
export function requiredString(input: JsonObject, field: string, rule: StringRule = {}): string {
  const value = input[field];
  if (value === undefined || value === null) throw validationError(field, 'Member must not be null');
  return checkString(value, field, rule);
}

/** An optional string field; undefined when absent. */
export function optionalString(input: JsonObject, field: string, rule: StringRule = {}): string | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  return checkString(value, field, rule);
}

function checkString(value: unknown, field: string, rule: StringRule): string {
  if (typeof value !== 'string') throw validationError(field, 'Member must be a string', value);
  const len = [...value].length;
  if (rule.min !== undefined && len < rule.min)
    throw validationError(field, `Member must have length greater than or equal to ${rule.min}`, value);
  if (rule.max !== undefined && len > rule.max)
    throw validationError(field, `Member must have length less than or equal to ${rule.max}`, value);
  return value;
}

/** An optional integer within bounds. */
export function optionalInt(input: JsonObject, field: string, min: number, max: number): number | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw validationError(field, 'Member must be an integer', value);
  if (value < min) throw validationError(field, `Member must have value greater than or equal to ${min}`, value);
  if (value > max) throw validationError(field, `Member must have value less than or equal to ${max}`, value);
  return value;
}

/** An optional boolean field. */
export function optionalBool(input: JsonObject, field: string): boolean | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw validationError(field, 'Member must be a boolean', value);
  return value;
}

/** JSON text of at most 256 KiB; `onError` names the AWS error for bad JSON. */
export function jsonText(text: string, onError: (message: string) => Error): unknown {
  if (Buffer.byteLength(text) > 262_144) throw onError('The payload exceeds the maximum size of 262144 bytes');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw onError(`Invalid JSON: ${(err as Error).message}`);
  }
}

/** Epoch seconds with milliseconds, as the JSON protocol carries timestamps. */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}
