import { createWorkflowSteps } from '../../shared/applications';
import { getPlatformDeps } from '../../shared/deps';

let steps: ReturnType<typeof createWorkflowSteps> | undefined;

/** The workflow steps, built on the first invocation from the process-wide deps (cold start). */
export function workflowSteps(): ReturnType<typeof createWorkflowSteps> {
  steps ??= createWorkflowSteps(getPlatformDeps());
  return steps;
}
