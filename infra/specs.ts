import type { FunctionSpec } from '../functions/access';
import { routes } from '../functions/routes';
import { reconcileFunction, workflowFunctions } from '../functions/workflow/specs';
import { probeSchedulerFunction } from '../functions/walkthroughs/specs';
import { notificationsTickFunction, smsSendFunction } from '../functions/notifications/specs';
import { rollUpFactsFunction, sealAnchorsFunction } from '../functions/audit/specs';

/** Every Lambda function the CDK app deploys: task functions, reconcile, one per route, the probe scheduler, the notification functions, the anchor sealer, the audit facts rollup. */
export const platformFunctionSpecs: readonly FunctionSpec[] = [
  ...workflowFunctions,
  reconcileFunction,
  ...routes,
  probeSchedulerFunction,
  notificationsTickFunction,
  smsSendFunction,
  sealAnchorsFunction,
  rollUpFactsFunction,
];
