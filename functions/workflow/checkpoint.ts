import type { BranchSchedule } from '../../shared/applications/steps/checkpoint';
import { CheckpointInput } from '../../shared/applications/steps/schemas';
import type { SupplementExpiryResult } from '../../shared/applications/steps/supplement-expiry';
import { stepHandler } from './step-handler';
import { lambdaStepDeps, type StepDeps } from './steps';

/**
 * A wait timed out (`${CheckpointFunctionArn}`): the decision wait warns, or flags overdue and
 * escalates, and returns the branch's schedule; the supplement wait (`wait: 'supplement'`)
 * checks the supplement limit. One function for both: the same grants, no new ARN.
 */
export const createCheckpointHandler = (deps: StepDeps) =>
  stepHandler('checkpoint', CheckpointInput, deps, (input): Promise<BranchSchedule | SupplementExpiryResult> =>
    input.wait === 'supplement' ? deps.steps().supplementExpiry(input) : deps.steps().checkpoint(input),
  );

export const handler = createCheckpointHandler(lambdaStepDeps);
