import { ReconcileInput } from '../../shared/applications/steps/schemas';
import { stepHandler } from './step-handler';
import { workflowSteps } from './steps';

/** Scheduled repair: starts executions of stored applications that have none (EventBridge schedule). */
export const handler = stepHandler('reconcile', ReconcileInput, async () => ({ started: await workflowSteps().reconcile() }));
