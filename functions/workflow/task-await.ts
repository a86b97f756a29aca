import { TaskAwaitInput } from '../../shared/applications/steps/schemas';
import { stepHandler } from './step-handler';
import { workflowSteps } from './steps';

/** A branch's `.waitForTaskToken` body: opens the task or stores the new token (`${TaskAwaitFunctionArn}`). */
export const handler = stepHandler('task-await', TaskAwaitInput, (input) => workflowSteps().taskAwait(input));
