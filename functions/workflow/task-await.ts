import { TaskAwaitInput } from '../../shared/applications/steps/schemas';
import { stepHandler } from './step-handler';
import { lambdaStepDeps, type StepDeps } from './steps';

/** A branch's `.waitForTaskToken` body: opens the task or stores the new token (`${TaskAwaitFunctionArn}`). */
export const createTaskAwaitHandler = (deps: StepDeps) =>
  stepHandler('task-await', TaskAwaitInput, deps, (input) => deps.steps().taskAwait(input));

export const handler = createTaskAwaitHandler(lambdaStepDeps);
