import { createWorkflowSteps } from '../../shared/applications';
import { createEventContext } from '../../shared/events/context';
import { createEventSteps } from '../../shared/events/steps';
import type { PlatformDeps } from '../../shared/deps';
import { lambdaDeps } from '../deps';
import { once, type Lazy } from '../lazy';

export type WorkflowSteps = ReturnType<typeof createWorkflowSteps>;

/** What a step handler factory takes: the steps and the logger its errors go to, built on first use. */
export interface StepDeps {
  steps: Lazy<WorkflowSteps>;
  logger: Lazy<PlatformDeps['logger']>;
  /** The steps of 12345 event machines (issue 10). */
  eventSteps: Lazy<ReturnType<typeof createEventSteps>>;
}

export function createStepDeps(deps: Lazy<PlatformDeps>): StepDeps {
  return {
    steps: once(() => createWorkflowSteps(deps())),
    logger: () => deps().logger,
    eventSteps: once(() => createEventSteps(createEventContext(deps()))),
  };
}

/** The Lambda process's steps, built on the first invocation (cold start): the modules' `handler`s use them. */
export const lambdaStepDeps: StepDeps = createStepDeps(lambdaDeps);
