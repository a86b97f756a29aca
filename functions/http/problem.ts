/**
 * RFC 9457 problem details. Every error leaving the API goes through `problemResponse`, so the
 * rule "5xx never shows internals" lives in exactly one place, and so does localisation:
 * `title`, `detail` and `errors[].message` in the language of `Accept-Language` (shared/i18n).
 */
import { AppError, InternalError, ValidationError, type FieldError } from '../../shared/errors';
import { HIDDEN_DETAIL, fieldMessageTexts, problemEntry, render, textIn, type Locale } from '../../shared/i18n';
import { MethodNotAllowedError } from './errors';
import { PROBLEM_TYPE, jsonResponse, type HttpResult } from './responses';

export const PROBLEM_BASE = 'https://onething.dev/problems/';

/** A field finding as sent: `code` is always there (`invalid` when the thrower named none). */
export interface ProblemFieldError {
  path: string;
  code: string;
  message: string;
}

export interface Problem {
  type: string;
  /** The stable code `type` ends with, for clients that switch on it. */
  code: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: ProblemFieldError[];
}

/** A field error in `locale`: en keeps the thrower's English message; zh uses the code's text (or the generic one). */
function localFieldError(error: FieldError, locale: Locale): ProblemFieldError {
  const code = error.code ?? 'invalid';
  if (locale === 'en') return { path: error.path, code, message: error.message };
  const texts = fieldMessageTexts(code) ?? fieldMessageTexts('invalid');
  return { path: error.path, code, message: texts ? textIn(texts, locale, error.params) : error.message };
}

/** The detail of an exposed error in `locale`. */
function localDetail(known: AppError, locale: Locale, errors: ProblemFieldError[] | undefined): string {
  if (locale === 'en') return known.message;
  if (errors) return errors.map((e) => `${e.path}：${e.message}`).join('；');
  const specific = known.problemText && problemEntry(known.problemText.code);
  if (specific) return render(specific.detail.zh, known.problemText.params);
  return problemEntry(known.code)?.detail.zh ?? known.message;
}

/** The problem body for any thrown value, in `locale` (default en); unknown errors become a generic 500. */
export function toProblem(error: unknown, requestId?: string, locale: Locale = 'en'): Problem {
  const known = error instanceof AppError ? error : new InternalError('unexpected error', { cause: error });
  const code = known.problemCode;
  const entry = problemEntry(code) ?? problemEntry(known.code);
  const errors = known instanceof ValidationError ? known.errors.map((e) => localFieldError(e, locale)) : undefined;
  const problem: Problem = {
    type: PROBLEM_BASE + code,
    code,
    title: entry ? textIn(entry.title, locale) : known.title,
    status: known.status,
    detail: known.expose ? localDetail(known, locale, errors) : textIn(HIDDEN_DETAIL, locale),
  };
  if (requestId) problem.instance = `urn:onething:request:${requestId}`;
  if (errors) problem.errors = errors;
  return problem;
}

/**
 * The HTTP result for a thrown value, in `locale` (from `Accept-Language`: `negotiateLocale`).
 *
 * @example problemResponse(new NotFoundError('no application A123'), context.awsRequestId, 'zh-CN')
 */
export function problemResponse(error: unknown, requestId?: string, locale: Locale = 'en'): HttpResult {
  const problem = toProblem(error, requestId, locale);
  const headers: Record<string, string> = { 'content-language': locale, vary: 'Accept-Language' };
  if (error instanceof MethodNotAllowedError) headers.allow = error.allow.join(', ');
  if (error instanceof AppError && error.retryable) headers['retry-after'] = '1';
  return jsonResponse(problem.status, problem, { contentType: PROBLEM_TYPE, headers });
}
