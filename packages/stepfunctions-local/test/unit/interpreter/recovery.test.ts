import { errorMatches, planRecovery, retryDelayMs } from '../../../src/interpreter/recovery';
import type { Retrier } from '../../../src/definition/types';

const retrier = (over: Partial<Retrier> = {}): Retrier => ({
  errorEquals: ['States.ALL'],
  intervalSeconds: 1,
  maxAttempts: 3,
  backoffRate: 2,
  jitter: 'NONE',
  ...over,
});

describe('errorMatches', () => {
  test('States.ALL matches any error, States.TaskFailed all but States.Timeout', () => {
    expect(errorMatches(['States.ALL'], 'Anything')).toBe(true);
    expect(errorMatches(['States.TaskFailed'], 'Lambda.Unknown')).toBe(true);
    expect(errorMatches(['States.TaskFailed'], 'States.Timeout')).toBe(false);
    expect(errorMatches(['A', 'B'], 'B')).toBe(true);
    expect(errorMatches(['A'], 'B')).toBe(false);
  });
});

describe('retryDelayMs', () => {
  test('grows by BackoffRate, is capped by MaxDelaySeconds and scaled by FULL jitter', () => {
    expect([0, 1, 2].map((n) => retryDelayMs(retrier({ intervalSeconds: 2, backoffRate: 3 }), n))).toEqual([2000, 6000, 18000]);
    expect(retryDelayMs(retrier({ intervalSeconds: 2, backoffRate: 3, maxDelaySeconds: 5 }), 2)).toBe(5000);
    expect(retryDelayMs(retrier({ intervalSeconds: 4, jitter: 'FULL' }), 0, () => 0.25)).toBe(1000);
  });
});

describe('planRecovery', () => {
  const catchAll = { errorEquals: ['States.ALL'], next: 'Caught' };

  test('retries while the first matching retrier has attempts left, then catches', () => {
    const retriers = [retrier({ errorEquals: ['Boom'], maxAttempts: 2 }), retrier()];
    expect(planRecovery(retriers, [catchAll], [], 'Boom')).toEqual({ kind: 'retry', index: 0, delayMs: 1000 });
    expect(planRecovery(retriers, [catchAll], [1], 'Boom')).toEqual({ kind: 'retry', index: 0, delayMs: 2000 });
    // Exhausted: later retriers are not consulted (AWS), the catcher applies.
    expect(planRecovery(retriers, [catchAll], [2], 'Boom')).toEqual({ kind: 'catch', catcher: catchAll });
    expect(planRecovery(retriers, [], [2], 'Boom')).toEqual({ kind: 'fail' });
  });

  test('never retries or catches States.Runtime', () => {
    expect(planRecovery([retrier()], [catchAll], [], 'States.Runtime')).toEqual({ kind: 'fail' });
  });
});
