import type { Retrier } from './asl';

/**
 * Transient failures of a Lambda invocation, plus the platform's own retryable error
 * (`DependencyError`, e.g. DynamoDB throttling). `States.Timeout` is deliberately absent:
 * a waitForTaskToken timeout is a checkpoint, handled by Catch.
 */
export const TRANSIENT_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'DependencyError',
];

/** Exponential backoff with full jitter: 1, 2, 4, 8, 16, 30 s caps, about a minute in all. */
export function transientRetry(): Retrier[] {
  return [transientRetrier()];
}

function transientRetrier(): Retrier {
  return {
    ErrorEquals: [...TRANSIENT_ERRORS],
    IntervalSeconds: 1,
    MaxAttempts: 6,
    BackoffRate: 2,
    MaxDelaySeconds: 30,
    JitterStrategy: 'FULL',
  };
}

/**
 * Finalize is the last chance to close the application, and nothing catches its failure
 * (that would be the failed-executions alarm): transient errors are retried 12 times, the
 * delay doubling from 1 s to a 5 min cap (at most about 24 minutes in all, half that on
 * average with full jitter), and any other error (e.g. a Lambda timeout or crash) 3 times,
 * in case it was a passing fault.
 */
export function finalizeRetry(): Retrier[] {
  return [
    { ...transientRetrier(), MaxAttempts: 12, MaxDelaySeconds: 300 },
    { ErrorEquals: ['States.ALL'], IntervalSeconds: 5, MaxAttempts: 3, BackoffRate: 2, MaxDelaySeconds: 60, JitterStrategy: 'FULL' },
  ];
}
