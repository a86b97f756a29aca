/** Strict mode: a read of a variable that no state assigned fails instead of being undefined. */
import { evaluateJsonataExpression, StatesError, type JsonataBindings } from '../../../src/expressions';
import { unassignedVariables } from '../../../src/expressions/strict-variables';
import type { Engine } from '../../../src';
import { openEngine, removeDir, run, tempDir } from '../../support/engine';

const bindings = (variables: Record<string, unknown>, strictVariables: boolean): JsonataBindings => ({
  states: { input: { n: 1 }, context: {} },
  variables,
  now: () => new Date('2026-03-01T00:00:00Z'),
  strictVariables,
});

describe('unassignedVariables', () => {
  it('names the free variables that are neither bound nor functions', async () => {
    await expect(
      unassignedVariables("$merge([$lookup($intake.branches, 'd'), $schedule])", { intake: {}, states: {} }),
    ).resolves.toStrictEqual(['schedule']);
  });

  it('ignores names the expression binds itself, the context, the root and Step Functions functions', async () => {
    const text = '($x := 1; $map([1], function($v) { $v + $x }) ~> $sum) + $count($$.a) + $ + $partition([1], 1)[0][0] + $parse("1")';
    await expect(unassignedVariables(text, {})).resolves.toStrictEqual([]);
  });
});

describe('evaluateJsonataExpression in strict mode', () => {
  const expression = "$merge([{'a': 1}, $schedule])";

  it('fails with States.QueryEvaluationError naming the variable', async () => {
    const thrown = await evaluateJsonataExpression(expression, 'Arguments', bindings({}, true)).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(StatesError);
    expect((thrown as StatesError).error).toBe('States.QueryEvaluationError');
    expect((thrown as StatesError).cause).toBe(
      `The JSONata expression '${expression}' specified for the field 'Arguments' reads $schedule, which no state has assigned (strict mode).`,
    );
  });

  it('evaluates as JSONata does once the variable is assigned, and when strict mode is off', async () => {
    await expect(evaluateJsonataExpression(expression, 'Output', bindings({ schedule: { b: 2 } }, true))).resolves.toEqual({ a: 1, b: 2 });
    await expect(evaluateJsonataExpression(expression, 'Output', bindings({}, false))).resolves.toEqual({ a: 1 });
  });
});

describe('the engine option', () => {
  let dir: string;
  let strict: Engine;
  beforeAll(async () => {
    dir = tempDir();
    strict = await openEngine(dir, { strictVariables: true });
  });
  afterAll(async () => {
    await strict.close();
    removeDir(dir);
  });

  it('fails an execution that reads a variable before any state assigned it', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Read',
      States: {
        Read: { Type: 'Pass', Output: "{% $merge([{'a': 1}, $later]) %}", Next: 'Assign' },
        Assign: { Type: 'Pass', Assign: { later: { b: 2 } }, End: true },
      },
    };
    const out = await run(strict, definition);
    expect([out.status, out.error]).toStrictEqual(['FAILED', 'States.QueryEvaluationError']);
    expect(out.cause).toContain('reads $later, which no state has assigned (strict mode)');
  });
});
