import type { FunctionSpec } from '../functions/access';
import { routes } from '../functions/routes';
import { reconcileFunction, workflowFunctions } from '../functions/workflow/specs';
import { rollUpFactsFunction, sealAnchorsFunction } from '../functions/audit/specs';

/** Every Lambda function the CDK app deploys: task functions, reconcile, one per route. */
export const platformFunctionSpecs: readonly FunctionSpec[] = [
  ...workflowFunctions,
  reconcileFunction,
  ...routes,
  sealAnchorsFunction,
  rollUpFactsFunction,
];
