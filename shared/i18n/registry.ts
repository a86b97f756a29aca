/**
 * Where every stable error code and its two texts are registered. `defineProblems` and
 * `defineFieldMessages` are the helpers to add codes: each returns a typed factory, so a
 * throw site names a code that exists and its texts live in one place. The completeness test
 * (test/unit/shared/i18n/catalog.test.ts) checks every registered code, whichever module defined it.
 */
import { render, type Params, type Texts } from './text';

/** A problem type: the HTTP status it is used with, a short title and the detail template. */
export interface ProblemEntry {
  readonly status: number;
  readonly title: Texts;
  readonly detail: Texts;
}

/** A localisable problem detail: the code, its params and the English text (the error's message, for logs). */
export interface ProblemText {
  readonly code: string;
  readonly params: Params;
  readonly en: string;
}

/** A field finding (`errors[]` of a 422) with its stable code; `message` is English, `params` fill the texts. */
export interface CodedFieldError {
  path: string;
  code: string;
  message: string;
  params?: Params;
}

const problems = new Map<string, ProblemEntry>();
const fieldMessages = new Map<string, Texts>();

/** Lower-case words joined by `-`: `application-not-found`, `id-number-check-character`. */
export const CODE_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

function register<V>(map: Map<string, V>, kind: string, entries: Record<string, V>): void {
  for (const [code, value] of Object.entries(entries)) {
    if (!CODE_PATTERN.test(code)) throw new Error(`i18n: ${kind} code "${code}" is not kebab-case`);
    if (map.has(code) && map.get(code) !== value) throw new Error(`i18n: ${kind} code "${code}" is defined twice`);
    map.set(code, value);
  }
}

/**
 * Registers problem types; returns `(code, params) => ProblemText` to pass to an error class.
 *
 * @example
 * const problem = defineProblems({ 'application-not-found': { status: 404,
 *   title: { en: 'Application not found', zh: '办件不存在' }, detail: { en: 'application {id} not found', zh: '未找到办件 {id}' } } });
 * throw new NotFoundError(problem('application-not-found', { id }));
 */
export function defineProblems<const T extends Record<string, ProblemEntry>>(entries: T) {
  register(problems, 'problem', entries);
  return (code: keyof T & string, params: Params = {}): ProblemText => ({
    code,
    params,
    en: render(entries[code]!.detail.en, params) /* `code` is typed as a key of `entries` */,
  });
}

/**
 * Registers field messages; returns `(path, code, params) => CodedFieldError` for a `ValidationError`.
 *
 * @example
 * const field = defineFieldMessages({ 'cursor-invalid': { en: 'not a cursor of this list', zh: '翻页标记无效' } });
 * throw new ValidationError([field('cursor', 'cursor-invalid')]);
 */
export function defineFieldMessages<const T extends Record<string, Texts>>(entries: T) {
  register(fieldMessages, 'field message', entries);
  return (path: string, code: keyof T & string, params?: Params): CodedFieldError => ({
    path,
    code,
    message: render(entries[code]!.en, params), // `code` is typed as a key of `entries`
    ...(params && Object.keys(params).length > 0 ? { params } : {}),
  });
}

/** The entry of a problem code, if registered. */
export const problemEntry = (code: string): ProblemEntry | undefined => problems.get(code);
/** The texts of a field message code, if registered. */
export const fieldMessageTexts = (code: string): Texts | undefined => fieldMessages.get(code);
/** Every registered problem code and entry (for docs, the UI and the completeness test). */
export const allProblems = (): ReadonlyMap<string, ProblemEntry> => problems;
/** Every registered field message code and texts. */
export const allFieldMessages = (): ReadonlyMap<string, Texts> => fieldMessages;
