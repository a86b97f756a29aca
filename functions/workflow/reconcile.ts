import { ReconcileInput } from '../../shared/applications/steps/schemas';
import { stepHandler } from './step-handler';
import { workflowSteps } from './steps';

/**
 * Scheduled repair (EventBridge, every 5 minutes): starts executions of stored applications
 * that have none and delivers recorded results, reading only the index of unfinished work,
 * bounded per run (the rest is left for the next run).
 */
export const handler = stepHandler('reconcile', ReconcileInput, async () => workflowSteps().reconcile());
