import { FinalizeInput } from '../../shared/applications/steps/schemas';
import { stepHandler } from './step-handler';
import { lambdaStepDeps, type StepDeps } from './steps';

/** The combined result: approved, or rejected with open tasks cancelled (`${FinalizeFunctionArn}`). */
export const createFinalizeHandler = (deps: StepDeps) =>
  stepHandler('finalize', FinalizeInput, deps, (input) => deps.steps().finalize(input));

export const handler = createFinalizeHandler(lambdaStepDeps);
