import { createCheckpointHandler } from './checkpoint';
import { createFinalizeHandler } from './finalize';
import { createIntakeHandler } from './intake';
import type { StepDeps } from './steps';
import { createTaskAwaitHandler } from './task-await';

/** The handlers the state machines invoke, by function name (specs.ts), built from one set of steps. */
export function createWorkflowHandlers(deps: StepDeps): Readonly<Record<string, (event: unknown, context: unknown) => Promise<unknown>>> {
  const handlers = {
    intake: createIntakeHandler(deps),
    'task-await': createTaskAwaitHandler(deps),
    checkpoint: createCheckpointHandler(deps),
    finalize: createFinalizeHandler(deps),
  };
  return handlers as Record<string, (event: unknown, context: unknown) => Promise<unknown>>;
}
