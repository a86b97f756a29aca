/** Compiles Retry and Catch blocks, with the spec's defaults and AWS's validation rules. */
import type { Catcher, QueryLanguage, Retrier } from './types';

type Fail = (location: string, message: string) => void;

const RETRY_FIELDS = new Set([
  'ErrorEquals',
  'IntervalSeconds',
  'MaxAttempts',
  'BackoffRate',
  'MaxDelaySeconds',
  'JitterStrategy',
  'Comment',
]);
const CATCH_FIELDS: Record<QueryLanguage, Set<string>> = {
  JSONPath: new Set(['ErrorEquals', 'Next', 'ResultPath', 'Assign', 'Comment']),
  JSONata: new Set(['ErrorEquals', 'Next', 'Output', 'Assign', 'Comment']),
};

function errorEquals(value: unknown, at: string, fail: Fail): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'string')) {
    fail(`${at}/ErrorEquals`, "The field 'ErrorEquals' must be a non-empty array of strings");
    return [];
  }
  if (value.includes('States.ALL') && value.length > 1) fail(`${at}/ErrorEquals`, "'States.ALL' must appear alone in 'ErrorEquals'");
  return value as string[];
}

function lastIsAll(list: { errorEquals: string[] }[], at: string, fail: Fail): void {
  list.forEach((item, i) => {
    if (item.errorEquals.includes('States.ALL') && i !== list.length - 1)
      fail(`${at}[${i}]/ErrorEquals`, "'States.ALL' must be the last retrier or catcher");
  });
}

/** `Retry` with defaults IntervalSeconds 1, MaxAttempts 3, BackoffRate 2.0. */
export function compileRetriers(value: unknown, at: string, fail: Fail): Retrier[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    fail(at, "The field 'Retry' must be an array");
    return [];
  }
  const retriers = value.map((raw, i): Retrier => {
    const where = `${at}[${i}]`;
    const r = (raw ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(r))
      if (!RETRY_FIELDS.has(key)) fail(`${where}/${key}`, `The field '${key}' is not supported in a retrier`);
    const num = (key: string, ok: (n: number) => boolean, rule: string) => {
      const v = r[key];
      if (v !== undefined && (typeof v !== 'number' || !ok(v))) fail(`${where}/${key}`, `The value for the field '${key}' must be ${rule}`);
      return typeof v === 'number' ? v : undefined;
    };
    const jitter = r.JitterStrategy ?? 'NONE';
    if (jitter !== 'FULL' && jitter !== 'NONE')
      fail(`${where}/JitterStrategy`, "The value for the field 'JitterStrategy' must be one of [FULL, NONE]");
    return {
      errorEquals: errorEquals(r.ErrorEquals, where, fail),
      intervalSeconds: num('IntervalSeconds', (n) => Number.isInteger(n) && n >= 1 && n <= 99999999, 'an integer from 1 to 99999999') ?? 1,
      maxAttempts: num('MaxAttempts', (n) => Number.isInteger(n) && n >= 0 && n <= 99999999, 'an integer from 0 to 99999999') ?? 3,
      backoffRate: num('BackoffRate', (n) => n >= 1, 'a number >= 1.0') ?? 2,
      maxDelaySeconds: num('MaxDelaySeconds', (n) => Number.isInteger(n) && n >= 1 && n <= 31622400, 'an integer from 1 to 31622400'),
      jitter: jitter === 'FULL' ? 'FULL' : 'NONE',
    };
  });
  lastIsAll(retriers, at, fail);
  return retriers;
}

/** `Catch` blocks; `ResultPath` defaults to `$` (JSONPath), `Output` to the error output (JSONata). */
export function compileCatchers(value: unknown, at: string, lang: QueryLanguage, fail: Fail): Catcher[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    fail(at, "The field 'Catch' must be an array");
    return [];
  }
  const catchers = value.map((raw, i): Catcher => {
    const where = `${at}[${i}]`;
    const c = (raw ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(c))
      if (!CATCH_FIELDS[lang].has(key))
        fail(`${where}/${key}`, `The field '${key}' is not supported in a catcher for the QueryLanguage '${lang}'`);
    if (c.ResultPath !== undefined && c.ResultPath !== null && typeof c.ResultPath !== 'string')
      fail(`${where}/ResultPath`, "The value for the field 'ResultPath' must be a string or null");
    if (c.Assign !== undefined && (typeof c.Assign !== 'object' || c.Assign === null || Array.isArray(c.Assign)))
      fail(`${where}/Assign`, "The value for the field 'Assign' must be an object");
    return {
      errorEquals: errorEquals(c.ErrorEquals, where, fail),
      next: String(c.Next),
      resultPath: c.ResultPath as string | null | undefined,
      output: c.Output,
      assign: c.Assign as Record<string, unknown> | undefined,
    };
  });
  lastIsAll(catchers, at, fail);
  return catchers;
}
