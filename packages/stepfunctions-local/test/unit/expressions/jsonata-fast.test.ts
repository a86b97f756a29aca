import jsonata from 'jsonata';
import { evaluateJsonataExpression, StatesError, type JsonataBindings } from '../../../src/expressions';
import { fastPathFor } from '../../../src/expressions/jsonata-fast';

/** Values of every JSON shape, including those where JSONata flattens or maps over arrays. */
const VALUES: unknown[] = [null, 0, '', 'x', true, [], [5], [[1], [2]], [{ a: 1 }, { a: [2, 3] }], { a: { b: [1] } }, { a: null }, {}];
const EXPRESSIONS = ['$states.input', '$states.input.a', '$states.input.a.b', '$v', '$v.a', '$v.a.b', '$states.result'];
/** `$lookup` reads and comparisons with literals, over the same values. */
const LOOKUPS = [
  "$lookup($states.input, 'a')",
  '$lookup($states.input, "a").b',
  "$lookup($v.a, 'b')",
  "$lookup( $states.input ,'x-y' )",
  "$lookup($states.input, 'constructor')",
  "$lookup($states.input, 'a').b.c",
];
const COMPARISONS = [
  "$states.input = 'x'",
  '$states.input = ""',
  '$states.input != "x"',
  '$states.input = 0',
  '$states.input = -0',
  '$states.input = 1.5e3',
  '$states.input=true',
  '$states.input = null',
  '$states.input != null',
  "$v.a = 'x'",
  "$v.a.b != 'x'",
  "$lookup($states.input, 'a') = null",
  "$lookup($states.input, 'a').b != 1",
];

async function viaJsonata(text: string, b: JsonataBindings): Promise<unknown> {
  return jsonata(text).evaluate(undefined, { ...b.variables, states: b.states });
}

async function viaModule(text: string, b: JsonataBindings): Promise<unknown> {
  try {
    return await evaluateJsonataExpression(text, 'Output', b);
  } catch (error) {
    // "returned nothing" is how the module reports JSONata's undefined.
    if (error instanceof StatesError && error.cause.endsWith('returned nothing (undefined).')) return undefined;
    throw error;
  }
}

describe('the navigation shortcut', () => {
  it('gives exactly what JSONata gives for every value shape', async () => {
    for (const value of VALUES) {
      const b: JsonataBindings = { states: { input: value, context: {} }, variables: { v: value }, now: () => new Date(0) };
      for (const text of [...EXPRESSIONS, ...LOOKUPS, ...COMPARISONS]) {
        const expected = await viaJsonata(text, b);
        const actual = await viaModule(text, b);
        const plain = expected === undefined ? undefined : JSON.parse(JSON.stringify(expected));
        expect({ text, value, result: actual }).toEqual({ text, value, result: plain });
      }
    }
  });

  it('leaves unbound names to JSONata built-ins and operator words to JSONata', async () => {
    const b: JsonataBindings = { states: { input: { and: 1, in: 2 }, context: {} }, variables: {}, now: () => new Date(0) };
    await expect(evaluateJsonataExpression('$sum', 'Output', b)).rejects.toThrow('unsupported result type');
    for (const text of ['$states.input.and', '$states.input.in']) {
      await expect(viaModule(text, b)).resolves.toEqual(await viaJsonata(text, b));
    }
  });

  it('answers comparisons and key reads of every scalar, and with keys of any shape', async () => {
    const scalars: unknown[] = ['x', '', 'y', 0, 1500, -1, true, false, null, { 'x-y': 'x' }, { a: { b: 1 } }, { a: 'x' }];
    for (const value of scalars) {
      const b: JsonataBindings = { states: { input: value, context: {} }, variables: { v: { a: value } }, now: () => new Date(0) };
      for (const text of [...COMPARISONS, ...LOOKUPS, "$lookup($states.input, 'x-y') = 'x'"]) {
        expect({ text, value, result: await viaModule(text, b) }).toEqual({ text, value, result: await viaJsonata(text, b) });
      }
    }
  });

  it('takes the shortcut for the shapes the platform uses, and not for anything else', () => {
    for (const text of [
      "$states.input.decision = 'approve'",
      '$states.input.walkthrough = true',
      "$lookup($states.input, 'real-estate').dueAt",
      '$states.context.Execution.Input.applicationId',
    ])
      expect({ text, fast: fastPathFor(text) !== undefined }).toEqual({ text, fast: true });
    for (const text of [
      "$states.input.a = 'x' and $states.input.b = 'y'",
      "$states.input.a < 'x'",
      "$states.input.a = 'it\\'s'",
      '$states.input.a = $states.input.b',
      "$lookup($states.input, 'a', 'b')",
      "$lookup($states.input.and, 'a')",
      "$lookup($states.input, 'a').or",
      '$max([1, 2])',
    ])
      expect({ text, fast: fastPathFor(text) !== undefined }).toEqual({ text, fast: false });
  });

  it('leaves $lookup to JSONata when a workflow variable named lookup replaces it', async () => {
    const b: JsonataBindings = { states: { input: { a: 1 }, context: {} }, variables: { lookup: 5 }, now: () => new Date(0) };
    await expect(evaluateJsonataExpression("$lookup($states.input, 'a')", 'Output', b)).rejects.toThrow('T1006');
  });
});
