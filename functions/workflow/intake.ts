import { IntakeInput } from '../../shared/applications/steps/schemas';
import { stepHandler } from './step-handler';
import { workflowSteps } from './steps';

/** Intake: the due and warning instants of every branch (`${IntakeFunctionArn}`). */
export const handler = stepHandler('intake', IntakeInput, (input) => workflowSteps().intake(input));
