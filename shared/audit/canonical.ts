/**
 * RFC 8785 JSON Canonicalization Scheme (JCS). Implemented here rather than with the
 * `canonicalize` package: its 4.x is ESM-only with only an `import` export condition, so
 * CommonJS code (our Lambdas, Jest) cannot `require` it. JCS is small: ECMAScript number
 * and string serialisation (which JSON.stringify already does) and keys sorted by UTF-16
 * code units (which Array.prototype.sort already does).
 */
import { AppError } from '../errors';
import { isWellFormedText } from '../unicode';

/**
 * Deepest nesting canonicalised. The API refuses bodies deeper than 16 levels
 * (functions/http/json-input.ts), so an event that wraps a request value stays far below
 * this; the limit turns a pathological value into a clear error instead of a stack overflow.
 */
export const MAX_CANONICAL_DEPTH = 64;

/** A value that has no JSON representation was given; `path` locates it. */
export class CanonicalJsonError extends AppError {
  readonly status = 500;
  readonly code = 'canonical-json';
  readonly title = 'Value cannot be canonicalised';
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`${path}: ${detail}`);
  }
}

/**
 * The canonical JSON text of `value`. Stricter than JSON.stringify so that a hash never
 * covers a silent conversion: NaN, ±Infinity, bigint, functions, symbols, lone surrogates,
 * `undefined` in arrays and non-plain objects (Date, Map…) throw. `undefined` object
 * properties are left out, as DynamoDB's marshaller does with `removeUndefinedValues`.
 *
 * @example canonicalJson({ b: 1, a: [true, null] }) // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$', new Set());
}

function write(value: unknown, path: string, seen: Set<object>): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new CanonicalJsonError(path, `${value} is not allowed`);
    return JSON.stringify(value);
  }
  if (typeof value === 'string') {
    // The edge refuses the same strings (shared/unicode.ts), so the log never refuses an accepted request.
    if (!isWellFormedText(value)) throw new CanonicalJsonError(path, 'lone surrogate in string');
    return JSON.stringify(value);
  }
  if (typeof value !== 'object') throw new CanonicalJsonError(path, `${typeof value} is not JSON`);
  if (seen.has(value)) throw new CanonicalJsonError(path, 'circular reference');
  // `seen` holds exactly the containers enclosing this one.
  if (seen.size >= MAX_CANONICAL_DEPTH) throw new CanonicalJsonError(path, `nested deeper than ${MAX_CANONICAL_DEPTH} levels`);
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      return `[${value.map((v, i) => (v === undefined ? fail(`${path}[${i}]`) : write(v, `${path}[${i}]`, seen))).join(',')}]`;
    }
    const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
    if (proto !== Object.prototype && proto !== null)
      throw new CanonicalJsonError(path, `${proto?.constructor?.name ?? 'object'} is not a plain object`);
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${write(k, path, seen)}:${write(v, `${path}.${k}`, seen)}`).join(',')}}`;
  } finally {
    seen.delete(value);
  }
}

function fail(path: string): never {
  throw new CanonicalJsonError(path, 'undefined is not allowed in an array');
}
