/** JSON helpers shared by the evaluators and the interpreter's error messages. */

export type JsonTypeName = 'array' | 'object' | 'number' | 'string' | 'boolean' | 'null';

/** The JSON type of a value as AWS names it in causes, e.g. `jsonTypeName([1]) === 'array'`. */
export function jsonTypeName(value: unknown): JsonTypeName {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return 'number';
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    default:
      return 'object';
  }
}

/** A plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Compact JSON as AWS prints values inside causes: `toAwsJsonString({a: 1}) === '{"a":1}'`.
 * `undefined` prints as `null` so a message never contains the word "undefined".
 */
export function toAwsJsonString(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/**
 * Deep copy of a JSON value. Used where the engine hands a value to code that may mutate it;
 * the evaluators themselves never mutate their inputs, so most paths need no copy.
 */
export function deepClone<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => deepClone(item)) as T;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = deepClone(item);
  return copy as T;
}

/**
 * JSON.parse as AWS parses: `-0` becomes `0` (AWS answers 0 for `$parse("-0")`).
 * Throws SyntaxError on invalid text.
 */
export function parseJson(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => (Object.is(value, -0) ? 0 : value));
}
