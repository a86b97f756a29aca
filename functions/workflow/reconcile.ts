import { ReconcileInput } from '../../shared/applications/steps/schemas';
import { stepHandler } from './step-handler';
import { lambdaStepDeps, type StepDeps } from './steps';

/**
 * Scheduled repair (EventBridge, every 5 minutes): starts executions of stored applications
 * that have none and delivers recorded results, reading only the index of unfinished work,
 * bounded per run (the rest is left for the next run).
 */
export const createReconcileHandler = (deps: StepDeps) =>
  stepHandler('reconcile', ReconcileInput, deps, async () => deps.steps().reconcile());

export const handler = createReconcileHandler(lambdaStepDeps);
