/**
 * zod at the edge: violations become a 422 `ValidationError` whose paths name the field the
 * way clients write it (`form.child.idNumber`, `materials[0].uploadId`).
 */
import type * as z from 'zod';
import { ValidationError, type FieldError } from '../../shared/errors';
import { fieldErrorsFromIssues } from '../../shared/i18n/zod-issues';

/** Dotted path with `[i]` indices, e.g. `['materials', 0, 'uploadId']` -> `materials[0].uploadId`. */
export function fieldPath(segments: readonly PropertyKey[], root = ''): string {
  if (segments.length === 0) return root;
  let out = '';
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

/** One coded FieldError per issue (shared/i18n); unknown keys of strict objects are reported one by one. `root` names a whole-value error. */
export function fieldErrors(error: z.ZodError, root = ''): FieldError[] {
  return fieldErrorsFromIssues(error.issues, (segments) => fieldPath(segments, root));
}

/**
 * Parses `value` with `schema` or throws a `ValidationError` (422).
 *
 * @example const q = parseOrThrow(pageQuery, event.queryStringParameters ?? {}, 'query');
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, root = ''): z.output<S> {
  // `reportInput` tells a missing value (`required`) from a wrong one; issues never leave this function with it.
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw new ValidationError(fieldErrors(result.error, root));
}
