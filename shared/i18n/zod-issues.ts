/**
 * zod issues to stable field codes. One mapping for the API (functions/http/validation.ts,
 * shared/applications) and the web UI, so both show the same message for the same mistake.
 *
 * A custom issue names its code in `params.code` (with its other params beside it); a check
 * whose message is a registered English text (e.g. `.regex(re, 'expected an 11-digit mobile
 * number')`) gets that text's code; anything else is mapped by the zod issue kind.
 *
 * The English message is the catalog's when zod wrote its default message, and the schema's own
 * when the schema gave one (it says more than "Invalid format"); Chinese is always the catalog's.
 */
import type { z } from 'zod';
// Only the English locale: `locales` of the zod root would bundle every language into each Lambda (+260 KB).
import { en as zodEnglish } from 'zod/v4/locales';
import { allFieldMessages, fieldMessageTexts, type CodedFieldError } from './registry';
import { render, type Params } from './text';
import './catalog/fields';

export interface FieldCode {
  code: string;
  params?: Params;
}

type Issue = z.core.$ZodIssue;

const zodDefault = zodEnglish().localeError;
/** Whether zod wrote the issue's message itself (no message given by the schema). */
const isZodDefaultMessage = (issue: Issue): boolean => {
  const made = zodDefault(issue as Parameters<typeof zodDefault>[0]);
  return (typeof made === 'string' ? made : made?.message) === issue.message;
};

const codeByEnglish = (message: string): string | undefined => {
  for (const [code, texts] of allFieldMessages()) if (texts.en === message && !texts.en.includes('{')) return code;
  return undefined;
};

const sizeCode = (origin: string, bound: 'min' | 'max', inclusive: boolean | undefined): string => {
  if (origin === 'string') return bound === 'min' ? 'too-short' : 'too-long';
  if (origin === 'array' || origin === 'set') return bound === 'min' ? 'too-few-items' : 'too-many-items';
  if (inclusive === false) return bound === 'min' ? 'must-be-greater' : 'must-be-less';
  return bound === 'min' ? 'too-small' : 'too-big';
};

const plain = (value: unknown): string | number => (typeof value === 'number' ? value : String(value));

/** The code and params of one zod issue (unknown keys excluded: see `fieldErrorsFromIssues`). */
export function codeOfIssue(issue: Issue): FieldCode {
  if (issue.code === 'custom') {
    const { code, ...params } = (issue.params ?? {}) as Record<string, string | number>;
    if (typeof code === 'string' && fieldMessageTexts(code)) return { code, params };
  }
  const byMessage = codeByEnglish(issue.message);
  if (byMessage) return { code: byMessage };
  switch (issue.code) {
    case 'invalid_type': {
      // Without `reportInput` zod drops `input`; its message then says what was received.
      const missing = 'input' in issue ? issue.input === undefined : issue.message.endsWith('received undefined');
      return missing ? { code: 'required' } : { code: 'invalid-type', params: { expected: issue.expected } };
    }
    case 'too_small':
      // A required text is `min(1)`: an empty one is "required", not "at least 1 character".
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return { code: 'required' };
      return { code: sizeCode(issue.origin, 'min', issue.inclusive), params: { minimum: plain(issue.minimum) } };
    case 'too_big':
      return { code: sizeCode(issue.origin, 'max', issue.inclusive), params: { maximum: plain(issue.maximum) } };
    case 'invalid_format':
      if (issue.format === 'date') return { code: 'invalid-date' };
      if (issue.format === 'datetime') return { code: 'invalid-datetime' };
      return { code: 'invalid-format' };
    case 'not_multiple_of':
      return { code: 'not-multiple-of', params: { divisor: plain(issue.divisor) } };
    case 'invalid_value':
      return { code: 'invalid-option', params: { options: issue.values.map(String).join(', ') } };
    case 'unrecognized_keys':
      return { code: 'unknown-field' };
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return { code: 'invalid-value' };
    default:
      return { code: 'invalid' };
  }
}

/**
 * One coded field error per issue, `path` from `pathOf`; unknown keys of strict objects one
 * each. The message is the catalog's English text; a custom issue of no registered code keeps
 * its own message (code `invalid`).
 */
export function fieldErrorsFromIssues(issues: readonly Issue[], pathOf: (segments: readonly PropertyKey[]) => string): CodedFieldError[] {
  return issues.flatMap((issue): CodedFieldError[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: pathOf([...issue.path, key]), code: 'unknown-field', message: 'Unknown field' }));
    }
    const { code, params } = codeOfIssue(issue);
    const texts = fieldMessageTexts(code);
    const message = texts && code !== 'invalid' && isZodDefaultMessage(issue) ? render(texts.en, params) : issue.message;
    return [{ path: pathOf(issue.path), code, message, ...(params && Object.keys(params).length > 0 ? { params } : {}) }];
  });
}
