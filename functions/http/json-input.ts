/**
 * What every JSON value entering the API must be, beyond its route's zod schema: text that
 * is well-formed Unicode (values AND object keys), numbers DynamoDB can store, and a bounded
 * depth. Checked once at the edge, before any schema or service sees the value, so a value
 * the timing log's canonical JSON or DynamoDB would refuse never starts a multi-step write.
 */
import type { FieldError } from '../../shared/errors';
import { jsonField } from '../../shared/i18n';
import { isWellFormedText, toWellFormedText } from '../../shared/unicode';
import { fieldPath } from './validation';

/**
 * Deepest nesting of a request body (the body itself is level 1). The biggest catalog form
 * is 3 levels (body level 4); 16 leaves room for richer forms while keeping stored items far
 * inside DynamoDB's 32-level limit and the canonical JSON's (shared/audit/canonical.ts).
 */
export const MAX_JSON_DEPTH = 16;

// DynamoDB numbers: magnitude 1E-130 .. 9.99…E+125 (or 0); JSON.parse turns 1e400 into Infinity.
// eslint-disable-next-line no-loss-of-precision -- written as the decimal bound on purpose; it parses to the nearest double
const MAX_MAGNITUDE = 9.9999999999999999e125;
const MIN_MAGNITUDE = 1e-130;
// A handful of findings names the problem; thousands would only inflate the response.
const MAX_ERRORS = 20;

type Segment = string | number;

/** The field path of a key, quoting lone surrogates as U+FFFD so the response stays valid text. */
const pathOf = (segments: readonly Segment[], root: string) =>
  fieldPath(
    segments.map((s) => (typeof s === 'string' ? toWellFormedText(s) : s)),
    root,
  );

/**
 * One FieldError per offending value, key or over-deep container (at most 20), iteratively,
 * so a body nested thousands of levels cannot overflow the stack.
 *
 * @example jsonInputErrors({ comment: 'ok \ud800' }) // [{ path: 'comment', message: '... lone surrogate ...' }]
 */
export function jsonInputErrors(value: unknown, root = '', maxDepth = MAX_JSON_DEPTH): FieldError[] {
  const errors: FieldError[] = [];
  const stack: Array<{ value: unknown; segments: Segment[]; depth: number }> = [{ value, segments: [], depth: 1 }];
  while (stack.length > 0 && errors.length < MAX_ERRORS) {
    const { value: v, segments, depth } = stack.pop()!;
    const fail = (code: Parameters<typeof jsonField>[1], at = segments, params?: { maxDepth: number }) =>
      errors.push(jsonField(pathOf(at, root), code, params));
    if (typeof v === 'string') {
      if (!isWellFormedText(v)) fail('text-not-well-formed');
    } else if (typeof v === 'number') {
      const magnitude = Math.abs(v);
      if (!Number.isFinite(v) || magnitude > MAX_MAGNITUDE || (magnitude !== 0 && magnitude < MIN_MAGNITUDE)) {
        fail('number-out-of-range');
      }
    } else if (v !== null && typeof v === 'object') {
      if (depth > maxDepth) {
        fail('nesting-too-deep', segments, { maxDepth });
        continue;
      }
      const entries: Array<[Segment, unknown]> = Array.isArray(v) ? v.map((item, i) => [i, item]) : Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i]!; // i counts down from the last entry
        const at = [...segments, key];
        if (typeof key === 'string' && !isWellFormedText(key)) fail('field-name-not-well-formed', at);
        else if (key === '__proto__') fail('reserved-field-name', at);
        stack.push({ value: item, segments: at, depth: depth + 1 });
      }
    }
  }
  return errors;
}
