/**
 * Texts in the two languages of the platform and the `{name}` templates they are written in.
 * Plain TypeScript with no dependency, so the web UI can import the same catalog.
 */

/** The languages the API answers in. `en` is the default (the API's language before i18n). */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** One text in both languages; `{name}` marks a value filled in from the params. */
export interface Texts {
  readonly en: string;
  readonly zh: string;
}

/** Values of a template's `{name}` placeholders. */
export type Params = Readonly<Record<string, string | number>>;

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/**
 * Fills a template. A placeholder without a param is left as written, so a missing value
 * shows as `{name}` instead of silently vanishing.
 *
 * @example render('application {id} not found', { id: 'A1' }) // 'application A1 not found'
 */
export function render(template: string, params: Params = {}): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** The placeholder names of a template, sorted and without repeats. @example placeholdersOf('{a} {b} {a}') // ['a', 'b'] */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort(); // group 1 is mandatory
}

/** The text of `texts` in `locale`, filled with `params`. */
export function textIn(texts: Texts, locale: Locale, params?: Params): string {
  return render(locale === 'zh-CN' ? texts.zh : texts.en, params);
}
