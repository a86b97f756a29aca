import { EventStepInput } from '../../shared/events/schemas';
import { stepHandler } from './step-handler';
import { lambdaStepDeps, type StepDeps } from './steps';

/** Every recording step of a 12345 event's machine (`${EventStepFunctionArn}`): dispatch, accept, checkpoint, handled, rated, closed, failed. */
export const createEventStepHandler = (deps: StepDeps) =>
  stepHandler('event-step', EventStepInput, deps, (input) => deps.eventSteps().run(input));

export const handler = createEventStepHandler(lambdaStepDeps);
