import { createCheckpointHandler } from './checkpoint';
import { createFinalizeHandler } from './finalize';
import { createIntakeHandler } from './intake';
import type { StepDeps } from './steps';
import { createTaskAwaitHandler } from './task-await';
import { createEventAwaitHandler } from './event-await';
import { createEventStepHandler } from './event-step';

/** A step handler as the engine (or Lambda) invokes it. */
export type StepLambda = (event: unknown, context: unknown) => Promise<unknown>;

/** The handlers the state machines invoke, by function name (specs.ts), built from one set of steps. */
export function createWorkflowHandlers(deps: StepDeps): {
  readonly intake: StepLambda;
  readonly 'task-await': StepLambda;
  readonly checkpoint: StepLambda;
  readonly finalize: StepLambda;
  readonly 'event-step': StepLambda;
  readonly 'event-await': StepLambda;
} {
  const lambda =
    (h: (event: unknown, context: never) => Promise<unknown>): StepLambda =>
    (event, context) =>
      h(event, context as never);
  return {
    intake: lambda(createIntakeHandler(deps)),
    'task-await': lambda(createTaskAwaitHandler(deps)),
    checkpoint: lambda(createCheckpointHandler(deps)),
    finalize: lambda(createFinalizeHandler(deps)),
    'event-step': lambda(createEventStepHandler(deps)),
    'event-await': lambda(createEventAwaitHandler(deps)),
  };
}
