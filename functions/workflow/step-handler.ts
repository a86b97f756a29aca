import middy from '@middy/core';
import type { Context as LambdaContext } from 'aws-lambda';
import type * as z from 'zod';
import { validationFromIssues, classifyAwsError } from '../../shared/applications/errors';
import type { StepDeps } from './steps';
import { AppError, DependencyError } from '../../shared/errors';

/**
 * A state-machine step as a thin middy handler: zod-parse the event, run the step, return
 * its result. Errors keep a useful `name`, because the ASL matches on it: every retryable
 * failure (throttling, a lost race, a dependency down) surfaces as `DependencyError`, which
 * the state machine retries; anything else keeps its class name (e.g. `ValidationError`).
 */
export function stepHandler<S extends z.ZodType, R>(name: string, schema: S, deps: StepDeps, run: (input: z.infer<S>) => Promise<R>) {
  return middy<unknown, R, Error, LambdaContext>(async (event: unknown) => {
    const parsed = schema.safeParse(event);
    if (!parsed.success) throw validationFromIssues(parsed.error.issues);
    return run(parsed.data);
  }).onError(async (request) => {
    const error = asStepError(request.error, name);
    deps.logger().error(`step ${name} failed`, { error });
    request.error = error;
  });
}

/** The error as the state machine should see it. */
export function asStepError(error: unknown, step: string): Error {
  const classified = classifyAwsError(error, step);
  if (classified instanceof AppError && classified.retryable && classified.name !== 'DependencyError') {
    // Subclasses (e.g. AuditConflictError) are named after themselves; the ASL retries one name.
    return new DependencyError(classified.message, { cause: classified });
  }
  return classified instanceof Error ? classified : new Error(String(classified));
}
