import type { FunctionSpec } from '../functions/access';
import { routes } from '../functions/routes';
import { reconcileFunction, workflowFunctions } from '../functions/workflow/specs';
import { probeSchedulerFunction } from '../functions/walkthroughs/specs';

/** Every Lambda function the CDK app deploys: task functions, reconcile, one per route, the probe scheduler. */
export const platformFunctionSpecs: readonly FunctionSpec[] = [...workflowFunctions, reconcileFunction, ...routes, probeSchedulerFunction];
