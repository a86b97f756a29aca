/**
 * Runs every recorded AWS conformance case (conformance/sfn-cases.json) in-process
 * through `SfnApi.call`, with the two Lambdas of PROVENANCE.md registered.
 */
import casesJson from '../../../conformance/sfn-cases.json';
import type { Engine } from '../../../src';
import { createMachine, internalErrors, openEngine, removeDir, settled, start, tempDir } from '../../support/engine';

interface Case {
  id: string;
  definition: unknown;
  input: unknown;
  expect: { status: string; output?: unknown; error?: string | null; cause?: string | null };
}

const cases = casesJson as unknown as Case[];
let dir: string;
let engine: Engine;
const results = new Map<string, Record<string, unknown>>();

beforeAll(async () => {
  dir = tempDir();
  engine = await openEngine(dir);
  engine.registerLambda('conformance-identity', async (event) => event);
  engine.registerLambda('conformance-raise-exception', async () => {
    const err = new Error('Some exception was raised.');
    err.name = 'Exception';
    throw err;
  });
  // All cases run at once: the retry cases really wait their back-off, in parallel.
  const arns = await Promise.all(
    cases.map(async (c) => {
      try {
        return [c.id, await start(engine, await createMachine(engine, c.definition, `case-${c.id}`), c.input)] as const;
      } catch (err) {
        results.set(c.id, { status: 'NOT_STARTED', error: String(err) });
        return undefined;
      }
    }),
  );
  for (const started of arns) if (started) results.set(started[0], await settled(engine, started[1]));
}, 60_000);

afterAll(async () => {
  await engine.close();
  removeDir(dir);
});

test('the suite holds all 120 recorded cases and the engine hit no internal error', () => {
  expect(cases).toHaveLength(120);
  expect(internalErrors).toEqual([]);
});

test.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
  const got = results.get(c.id) as Record<string, unknown>;
  expect({ status: got.status, notStarted: got.status === 'NOT_STARTED' ? got.error : undefined }).toEqual({ status: c.expect.status });
  if (c.expect.status === 'SUCCEEDED') {
    expect(JSON.parse(got.output as string)).toEqual(c.expect.output);
    return;
  }
  expect(got.error ?? null).toBe(c.expect.error ?? null);
  if ('cause' in c.expect) expect(got.cause ?? null).toBe(c.expect.cause ?? null);
});
