import { CheckpointInput } from '../../shared/applications/steps/schemas';
import { stepHandler } from './step-handler';
import { workflowSteps } from './steps';

/** A wait timed out: warn, or flag overdue and escalate; returns the next checkpoint (`${CheckpointFunctionArn}`). */
export const handler = stepHandler('checkpoint', CheckpointInput, (input) => workflowSteps().checkpoint(input));
