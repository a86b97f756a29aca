import { createHash } from 'node:crypto';
import {
  evaluateJsonata,
  evaluateJsonataExpression,
  isJsonataTemplate,
  StatesError,
  unexpectedResultType,
  type JsonataBindings,
} from '../../../src/expressions';

const CLOCK = new Date('2026-03-01T08:30:00.250Z');
const bindings = (
  input: unknown = {},
  variables: Record<string, unknown> = {},
  extra: Partial<JsonataBindings['states']> = {},
): JsonataBindings => ({
  states: { input, context: { Execution: { Name: 'A1' } }, ...extra },
  variables,
  now: () => CLOCK,
});
const run = (expr: string, b: JsonataBindings = bindings()) => evaluateJsonataExpression(expr, 'Output', b);

async function failure(promise: Promise<unknown>): Promise<StatesError> {
  const thrown = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (thrown instanceof StatesError) return thrown;
  throw new Error(`expected a StatesError, got ${String(thrown)}`);
}

describe('isJsonataTemplate', () => {
  it('accepts only strings that start with {% and end with %} (conformance output-literals-not-evaluated)', () => {
    expect(isJsonataTemplate('{% $x %}')).toBe(true);
    expect(isJsonataTemplate('{%1%}')).toBe(true);
    expect(isJsonataTemplate(' {% states.input %} ')).toBe(false);
    expect(isJsonataTemplate('$states.input')).toBe(false);
    expect(isJsonataTemplate({})).toBe(false);
  });
});

describe('evaluateJsonata', () => {
  it('evaluates templates inside objects and arrays and leaves literals alone', async () => {
    const value = { a: '{% $states.input.n + 1 %}', list: [1, '{% $v %}', '$v', null], keep: 'States.Format(1)' };
    await expect(evaluateJsonata(value, 'Output', bindings({ n: 1 }, { v: 'x' }))).resolves.toStrictEqual({
      a: 2,
      list: [1, 'x', '$v', null],
      keep: 'States.Format(1)',
    });
  });

  it('binds $states (input, context, result, errorOutput) and variables', async () => {
    const b = bindings({ i: 1 }, { count: 3 }, { result: { r: 2 }, errorOutput: { Error: 'E' } });
    await expect(
      run('[$states.input.i, $states.result.r, $states.errorOutput.Error, $states.context.Execution.Name, $count]', b),
    ).resolves.toStrictEqual([1, 2, 'E', 'A1', 3]);
  });

  it('names the field path of an expression that returns nothing (conformance error-undefined-output-field)', async () => {
    const error = await failure(evaluateJsonata({ outer: { result: '{% $doesNotExist %}' } }, 'Assign', bindings()));
    expect(error.error).toBe('States.QueryEvaluationError');
    expect(error.cause).toBe(
      "The JSONata expression '$doesNotExist' specified for the field 'Assign/outer/result' returned nothing (undefined).",
    );
    expect((await failure(evaluateJsonata(['ok', '{% $nope %}'], 'Items', bindings()))).cause).toContain("field 'Items/1'");
  });

  it('reports JSONata errors with their code (conformance jsonata-fn-randomSeeded-not-available)', async () => {
    expect((await failure(run('$randomSeeded(1)'))).cause).toBe(
      "The JSONata expression '$randomSeeded(1)' specified for the field 'Output' threw an error during evaluation. T1006: Attempted to invoke a non-function",
    );
    expect((await failure(run('$eval("1")'))).cause).toContain('T1006: Attempted to invoke a non-function');
    expect((await failure(run('1 +'))).cause).toContain('threw an error during evaluation. S0207');
    expect((await failure(run('"a" - 1'))).cause).toContain('T2001');
  });

  it('rejects functions as results (conformance map-jsonata-items-literal-not-array-function)', async () => {
    expect((await failure(evaluateJsonata('{% $fn := function($x){$x} %}', 'Items', bindings()))).cause).toBe(
      "The JSONata expression '$fn := function($x){$x}' specified for the field 'Items' returned an unsupported result type.",
    );
    expect((await failure(run('{"f": $uppercase}'))).cause).toContain('unsupported result type');
  });

  it('returns plain JSON arrays, not JSONata sequences', async () => {
    const result = await run('$states.input.list.v', bindings({ list: [{ v: 1 }, { v: 2 }] }));
    expect(result).toStrictEqual([1, 2]);
    expect(Object.keys(result as object)).toEqual(['0', '1']);
  });

  it('uses the injected clock for $now() and $millis()', async () => {
    await expect(run('$now()')).resolves.toBe('2026-03-01T08:30:00.250Z');
    await expect(run('$millis()')).resolves.toBe(CLOCK.getTime());
    await expect(run("$now('[Y0001]-[M01]-[D01] [H01]:[m01]', '+0800')")).resolves.toBe('2026-03-01 16:30');
  });

  it("writes $now() as JSONata's default picture would, at every year", async () => {
    const times = ['0001-01-01T00:00:00.000Z', '0999-12-31T23:59:59.999Z', '1960-06-15T12:00:00.001Z', '1970-01-01T00:00:00.000Z'];
    times.push('2026-12-03T19:26:11.120Z', '9999-12-31T23:59:59.999Z', '+010000-01-01T00:00:00.000Z', '-000001-12-31T00:00:00.000Z');
    for (const time of times) {
      const at = new Date(time);
      const b: JsonataBindings = { ...bindings(), now: () => at };
      // $fromMillis is JSONata's own formatter with the default picture (what $now() used before).
      const expected = await run(`$fromMillis(${at.getTime()})`, b);
      expect({ time, now: await run('$now()', b) }).toEqual({ time, now: expected });
    }
  });

  it('keeps no bindings between evaluations of a cached expression', async () => {
    await expect(run('$x', bindings({}, { x: 1 }))).resolves.toBe(1);
    await expect(run('$x', bindings({}, { x: 2 }))).resolves.toBe(2);
  });
});

describe('Step Functions JSONata functions', () => {
  it('$partition splits arrays into chunks (conformance jsonata-fn-partition-*)', async () => {
    await expect(run('$partition([0], 1)')).resolves.toStrictEqual([[0]]);
    await expect(run('$partition([0,1,2], 2)')).resolves.toStrictEqual([[0, 1], [2]]);
    await expect(run('$partition([], 2)')).resolves.toStrictEqual([]);
    expect((await failure(run('$partition([1], 0)'))).cause).toContain('positive integer');
  });

  it('$range counts inclusively and collapses a single value (conformance jsonata-fn-range-*)', async () => {
    await expect(run('$range(0, 9, 3)')).resolves.toStrictEqual([0, 3, 6, 9]);
    await expect(run('$range(1, 9, 9)')).resolves.toBe(1);
    await expect(run('$range(3, 0, -1)')).resolves.toStrictEqual([3, 2, 1, 0]);
    await expect(run('$range(5, 1, 1)')).resolves.toStrictEqual([]);
    expect((await failure(run('$range(0, 1, 0)'))).cause).toContain('must not be 0');
  });

  it('$hash supports the five algorithms', async () => {
    for (const [name, node] of [
      ['MD5', 'md5'],
      ['SHA-1', 'sha1'],
      ['SHA-256', 'sha256'],
      ['SHA-384', 'sha384'],
      ['SHA-512', 'sha512'],
    ]) {
      await expect(run(`$hash('abc', '${name}')`)).resolves.toBe(createHash(node!).update('abc').digest('hex'));
    }
    expect((await failure(run("$hash('abc', 'SHA-3')"))).cause).toContain('must be one of');
    expect((await failure(run("$hash(1, 'MD5')"))).cause).toContain('T0410');
  });

  it('$random is in [0, 1) and repeatable with a seed; $uuid is a v4 UUID', async () => {
    const seeded = await run('$random(42)');
    await expect(run('$random(42)')).resolves.toBe(seeded);
    const unseeded = (await run('$random()')) as number;
    expect(unseeded >= 0 && unseeded < 1).toBe(true);
    await expect(run('$uuid()')).resolves.toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('$parse reads JSON text (conformance jsonata-fn-parse-*)', async () => {
    await expect(run('$parse(\'{"Arg1": 1, "Arg2": []}\')')).resolves.toStrictEqual({ Arg1: 1, Arg2: [] });
    await expect(run("$parse('-0')")).resolves.toBe(0);
    expect((await failure(run("$parse('{x')"))).cause).toContain('is not valid JSON');
  });
});

describe('unexpectedResultType', () => {
  it('words type errors as AWS does (conformance map-jsonata-items-*)', () => {
    expect(unexpectedResultType('{% 1 %}', 'Items', 'array', 1).cause).toBe(
      "The JSONata expression '1' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'number' for value: 1",
    );
    expect(unexpectedResultType('$ItemsVar', 'Items', 'array', { foo: 'bar' }).cause).toBe(
      "The JSONata expression '$ItemsVar' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'object' for value: {\"foo\":\"bar\"}",
    );
  });
});
