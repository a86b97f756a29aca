import { FinalizeInput } from '../../shared/applications/steps/schemas';
import { stepHandler } from './step-handler';
import { workflowSteps } from './steps';

/** The combined result: approved, or rejected with open tasks cancelled (`${FinalizeFunctionArn}`). */
export const handler = stepHandler('finalize', FinalizeInput, (input) => workflowSteps().finalize(input));
