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
  return [
    {
      ErrorEquals: [...TRANSIENT_ERRORS],
      IntervalSeconds: 1,
      MaxAttempts: 6,
      BackoffRate: 2,
      MaxDelaySeconds: 30,
      JitterStrategy: 'FULL',
    },
  ];
}
