/**
 * Runs the single-Pass-state cases of the AWS-recorded conformance set
 * (conformance/sfn-cases.json, see its PROVENANCE.md) through the expression
 * primitives with a minimal Pass driver, and compares output, error name and cause.
 */
import casesJson from '../../../conformance/sfn-cases.json';
import {
  applyResultPath,
  evaluateJsonata,
  evaluatePayloadTemplate,
  readPath,
  StatesError,
  type JsonataBindings,
  type PathContext,
} from '../../../src/expressions';

interface Case {
  id: string;
  definition: { QueryLanguage?: string; States: Record<string, Record<string, unknown>> };
  input: unknown;
  expect: { status: 'SUCCEEDED' | 'FAILED'; output?: unknown; error?: string | null; cause?: string | null };
}

const PASS_FIELDS = new Set([
  'Type',
  'End',
  'QueryLanguage',
  'Output',
  'Parameters',
  'Comment',
  'Result',
  'InputPath',
  'OutputPath',
  'ResultPath',
]);
/** The interpreter adds "An error occurred while executing the state 'S' (entered at the event id #N). ". */
const CAUSE_PREFIX = /^An error occurred while executing the state '[^']+' \(entered at the event id #\d+\)\. /;

const singlePass = (casesJson as unknown as Case[]).filter((c) => {
  const states = Object.values(c.definition.States);
  return states.length === 1 && states[0]!.Type === 'Pass' && Object.keys(states[0]!).every((key) => PASS_FIELDS.has(key));
});

async function runPass(c: Case): Promise<unknown> {
  const state = Object.values(c.definition.States)[0];
  const language = state!.QueryLanguage ?? c.definition.QueryLanguage ?? 'JSONPath';
  if (language === 'JSONata') {
    const bindings: JsonataBindings = { states: { input: c.input, context: {} }, variables: {}, now: () => new Date(0) };
    return state!.Output === undefined ? c.input : evaluateJsonata(state!.Output, 'Output', bindings);
  }
  const ctx = (input: unknown): PathContext => ({ input, context: {}, variables: {} });
  const path = (value: unknown, p: unknown) => (p === null ? {} : p === undefined ? value : readPath(p as string, ctx(value)));
  const effective = path(c.input, state!.InputPath);
  const result =
    'Result' in state!
      ? state.Result
      : state!.Parameters === undefined
        ? effective
        : evaluatePayloadTemplate(state!.Parameters, ctx(effective));
  return path(applyResultPath(c.input, result, state!.ResultPath as string | null | undefined), state!.OutputPath);
}

describe('conformance: single Pass state cases recorded against AWS', () => {
  it('selects a meaningful number of cases', () => {
    expect(singlePass.length).toBeGreaterThanOrEqual(25);
  });

  it.each(singlePass.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    if (c.expect.status === 'SUCCEEDED') {
      await expect(runPass(c)).resolves.toEqual(c.expect.output);
      return;
    }
    const error = await runPass(c).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(StatesError);
    expect((error as StatesError).error).toBe(c.expect.error);
    expect((error as StatesError).cause).toBe(String(c.expect.cause).replace(CAUSE_PREFIX, ''));
  });
});
