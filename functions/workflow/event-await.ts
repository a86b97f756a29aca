import { EventAwaitInput } from '../../shared/events/schemas';
import { stepHandler } from './step-handler';
import { lambdaStepDeps, type StepDeps } from './steps';

/** A 12345 event's `.waitForTaskToken` body: stores the token of the acceptance, reply or rating wait (`${EventAwaitFunctionArn}`). */
export const createEventAwaitHandler = (deps: StepDeps) =>
  stepHandler('event-await', EventAwaitInput, deps, (input) => deps.eventSteps().await(input));

export const handler = createEventAwaitHandler(lambdaStepDeps);
