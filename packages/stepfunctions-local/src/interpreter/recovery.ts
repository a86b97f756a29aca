/** Retry and Catch: which retrier or catcher handles an error, and the back-off delay. */
import type { Catcher, Retrier } from '../definition/types';

/**
 * Whether an `ErrorEquals` list matches `error`. `States.ALL` matches everything and
 * `States.TaskFailed` everything except `States.Timeout`; neither matches `States.Runtime`
 * or `States.DataLimitExceeded`, which AWS never lets a Retry or Catch handle (the caller
 * checks that first).
 */
export function errorMatches(errorEquals: string[], error: string | null): boolean {
  for (const name of errorEquals) {
    if (name === 'States.ALL') return true;
    if (name === 'States.TaskFailed' && error !== 'States.Timeout') return true;
    if (name === error) return true;
  }
  return false;
}

/** Milliseconds before retry number `attempt` (0-based) of `r`, with cap and jitter. */
export function retryDelayMs(r: Retrier, attempt: number, random: () => number = Math.random): number {
  let seconds = r.intervalSeconds * Math.pow(r.backoffRate, attempt);
  if (r.maxDelaySeconds !== undefined) seconds = Math.min(seconds, r.maxDelaySeconds);
  if (r.jitter === 'FULL') seconds = random() * seconds;
  return Math.round(seconds * 1000);
}

export type RecoveryPlan = { kind: 'retry'; index: number; delayMs: number } | { kind: 'catch'; catcher: Catcher } | { kind: 'fail' };

/**
 * What to do with `error` given the state's retriers and catchers and the attempts used.
 * The first retrier whose ErrorEquals matches decides; once it is exhausted, Catch applies.
 */
export function planRecovery(retriers: Retrier[], catchers: Catcher[], used: number[], error: string | null): RecoveryPlan {
  if (error === 'States.Runtime' || error === 'States.DataLimitExceeded') return { kind: 'fail' };
  const index = retriers.findIndex((r) => errorMatches(r.errorEquals, error));
  if (index >= 0) {
    const retrier = retriers[index]!; // found by findIndex just above
    const attempts = used[index] ?? 0;
    if (attempts < retrier.maxAttempts) return { kind: 'retry', index, delayMs: retryDelayMs(retrier, attempts) };
  }
  const catcher = catchers.find((c) => errorMatches(c.errorEquals, error));
  return catcher ? { kind: 'catch', catcher } : { kind: 'fail' };
}
