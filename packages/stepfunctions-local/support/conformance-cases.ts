import fs from 'node:fs';
import path from 'node:path';
import type { Json, JsonObject } from '../src/api-types';

/** The conformance file (see PROVENANCE.md next to it). */
export const CASES_FILE = path.join(__dirname, '..', 'conformance', 'sfn-cases.json');

export type LambdaBehaviour = 'identity' | 'raise';

export interface ConformanceCase {
  id: string;
  category: string;
  definition: JsonObject;
  input: Json;
  expect: { status: 'SUCCEEDED' | 'FAILED'; output?: Json; error?: string | null; cause?: string | null };
  /** Lambda ARN → behaviour the emulator must provide. */
  lambdas?: Record<string, { behavior: LambdaBehaviour }>;
}

/** Loads and checks the case file; a malformed case fails loudly with its index and field. */
export function loadCases(file = CASES_FILE): ConformanceCase[] {
  const raw: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(raw)) throw new Error(`${file}: expected an array of cases`);
  return raw.map((item: unknown, index) => checkCase(item, `${file}[${index}]`));
}

function checkCase(item: unknown, where: string): ConformanceCase {
  const c = item as Partial<ConformanceCase> | null;
  const fail = (field: string): never => {
    throw new Error(`${where}: field "${field}" is missing or malformed`);
  };
  if (c === null || typeof c !== 'object') return fail('(case)');
  if (typeof c.id !== 'string' || c.id === '') fail('id');
  if (typeof c.definition !== 'object' || c.definition === null) fail('definition');
  if (!('input' in c)) fail('input');
  const status = c.expect?.status;
  if (status !== 'SUCCEEDED' && status !== 'FAILED') fail('expect.status');
  if (status === 'SUCCEEDED' && !('output' in (c.expect ?? {}))) fail('expect.output');
  if (status === 'FAILED' && !('error' in (c.expect ?? {}))) fail('expect.error');
  for (const [arn, spec] of Object.entries(c.lambdas ?? {})) {
    if (spec?.behavior !== 'identity' && spec?.behavior !== 'raise') fail(`lambdas.${arn}.behavior`);
  }
  return c as ConformanceCase;
}

/** The recorded Lambda behaviours, as local handlers (function names as in the case ARNs). */
export const CONFORMANCE_LAMBDAS: Record<string, (event: unknown) => Promise<unknown>> = {
  'conformance-identity': async (event) => event,
  'conformance-raise-exception': async () => {
    // The recording's Python function raised a bare `Exception`.
    const err = new Error('Some exception was raised.');
    err.name = 'Exception';
    throw err;
  },
};
