import { IntakeInput } from '../../shared/applications/steps/schemas';
import { stepHandler } from './step-handler';
import { lambdaStepDeps, type StepDeps } from './steps';

/** Intake: the due and warning instants of every branch (`${IntakeFunctionArn}`). */
export const createIntakeHandler = (deps: StepDeps) => stepHandler('intake', IntakeInput, deps, (input) => deps.steps().intake(input));

export const handler = createIntakeHandler(lambdaStepDeps);
