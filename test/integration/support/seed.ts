/**
 * The seed of a randomized test: ONETHING_TEST_SEED when set (to replay a failing run),
 * otherwise the test's own fixed seed, so that every run of the suite makes the same choices.
 * It is printed on one line, so a failure names the seed that replays it.
 */
export function testSeed(test: string, fallback: number): number {
  const fromEnv = process.env.ONETHING_TEST_SEED;
  const seed = fromEnv === undefined || fromEnv === '' ? fallback : Number(fromEnv);
  if (!Number.isSafeInteger(seed)) throw new Error(`ONETHING_TEST_SEED must be an integer, got '${fromEnv}'`);
  process.stdout.write(`${test}: seed ${seed} (replay with ONETHING_TEST_SEED=${seed})\n`);
  return seed;
}
