import jsonata from 'jsonata';
import { evaluateJsonataExpression, StatesError, type JsonataBindings } from '../../../src/expressions';

/** Values of every JSON shape, including those where JSONata flattens or maps over arrays. */
const VALUES: unknown[] = [null, 0, '', 'x', true, [], [5], [[1], [2]], [{ a: 1 }, { a: [2, 3] }], { a: { b: [1] } }, { a: null }, {}];
const EXPRESSIONS = ['$states.input', '$states.input.a', '$states.input.a.b', '$v', '$v.a', '$v.a.b', '$states.result'];

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
      for (const text of EXPRESSIONS) {
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
});
