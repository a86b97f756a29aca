import * as z from 'zod';
import type { FunctionSpec } from '../functions/access';
import { contracts, type EndpointContract } from '../functions/api/contract';
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

/**
 * Whether a function pages with signed cursors (its route's query takes `cursor`): only those
 * functions learn `CURSOR_SECRET` (infra/constructs/cursor-secret.ts).
 */
export function takesCursor(spec: FunctionSpec): boolean {
  const contract = (contracts as Readonly<Record<string, EndpointContract>>)[spec.name];
  if (!contract?.query) return false;
  const json = z.toJSONSchema(contract.query, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown> };
  return 'cursor' in (json.properties ?? {});
}
