import type { FunctionSpec } from '../functions/access';
import { routes } from '../functions/routes';
import { reconcileFunction, workflowFunctions } from '../functions/workflow/specs';
import { notificationsTickFunction, smsSendFunction } from '../functions/notifications/specs';

/** Every Lambda function the CDK app deploys: task functions, reconcile, one per route, the notification functions. */
export const platformFunctionSpecs: readonly FunctionSpec[] = [
  ...workflowFunctions,
  reconcileFunction,
  ...routes,
  notificationsTickFunction,
  smsSendFunction,
];
