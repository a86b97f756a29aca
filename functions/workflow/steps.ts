import { createWorkflowSteps } from '../../shared/applications';
import type { PlatformDeps } from '../../shared/deps';
import { lambdaDeps } from '../deps';
import { once, type Lazy } from '../lazy';

export type WorkflowSteps = ReturnType<typeof createWorkflowSteps>;

/** What a step handler factory takes: the steps and the logger its errors go to, built on first use. */
export interface StepDeps {
  steps: Lazy<WorkflowSteps>;
  logger: Lazy<PlatformDeps['logger']>;
}

export function createStepDeps(deps: Lazy<PlatformDeps>): StepDeps {
  return { steps: once(() => createWorkflowSteps(deps())), logger: () => deps().logger };
}

/** The Lambda process's steps, built on the first invocation (cold start): the modules' `handler`s use them. */
export const lambdaStepDeps: StepDeps = createStepDeps(lambdaDeps);
