/**
 * The application services (docs/DESIGN.md): what the HTTP handlers and the step handlers
 * call. Each factory takes the platform deps once; the returned functions are per request.
 */
import type { Principal } from '../auth/principal';
import type { PlatformDeps } from '../deps';
import { createMetrics } from '../observability/metrics';
import { createContext } from './context';
import { getApplication, listApplications, materialLink } from './queries';
import type { DecisionRequest, SubmitApplicationRequest, SupplementRequest } from './schemas';
import { checkpoint } from './steps/checkpoint';
import { finalize } from './steps/finalize';
import { supplementExpiry } from './steps/supplement-expiry';
import { intake } from './steps/intake';
import { reconcile as reconcileStep, type ReconcileOptions, type ReconcileReport } from './steps/reconcile';
import type { CheckpointInput, FinalizeInput, IntakeInput, TaskAwaitInput } from './steps/schemas';
import { taskAwait } from './steps/task-await';
import { provideSupplement } from './supplement';
import { submit, type SubmitOptions } from './submit';
import { decide, getTask, inbox } from './tasks';
import { withdraw } from './withdraw';

export { createUploadService } from './upload-service';
export * from './schemas';

/**
 * Applicant-facing operations (`/v1/applications...`). AWS failures leave them unclassified:
 * the HTTP edge (functions/http/middlewares.ts `problemErrors`) turns a transient one into a 503.
 */
export function createApplicationService(deps: PlatformDeps) {
  const ctx = createContext(deps);
  return {
    submit: (p: Principal, req: SubmitApplicationRequest, idempotencyKey?: string, opts?: SubmitOptions) =>
      submit(ctx, p, req, idempotencyKey, opts),
    list: (p: Principal, q: { limit: number; cursor?: string }) => listApplications(ctx, p, q),
    get: (p: Principal, id: string) => getApplication(ctx, p, id),
    supplement: (p: Principal, id: string, req: SupplementRequest) => provideSupplement(ctx, p, id, req),
    withdraw: (p: Principal, id: string) => withdraw(ctx, p, id),
    materialLink: (p: Principal, id: string, materialId: string) => materialLink(ctx, p, id, materialId),
  };
}

/** Officer-facing operations (`/v1/departments/{dept}/tasks`, `/v1/tasks/...`). */
export function createTaskService(deps: PlatformDeps) {
  const ctx = createContext(deps);
  return {
    inbox: (
      p: Principal,
      dept: string,
      q: { status: 'open' | 'overdue' | 'done' | 'waiting'; limit: number; cursor?: string; includeTests?: boolean },
    ) => inbox(ctx, p, dept, q),
    get: (p: Principal, taskId: string) => getTask(ctx, p, taskId),
    decide: (p: Principal, taskId: string, req: DecisionRequest) => decide(ctx, p, taskId, req),
  };
}

/** The state machines' steps (functions/workflow/*), see docs/DESIGN.md "State machine". */
export function createWorkflowSteps(deps: PlatformDeps) {
  const ctx = createContext(deps);
  const metrics = createMetrics({ clock: deps.clock });
  return {
    intake: (input: IntakeInput) => intake(ctx, input),
    taskAwait: (input: TaskAwaitInput) => taskAwait(ctx, input),
    checkpoint: (input: CheckpointInput) => checkpoint(ctx, metrics, input),
    supplementExpiry: (input: CheckpointInput) => supplementExpiry(ctx, input),
    finalize: (input: FinalizeInput) => finalize(ctx, metrics, input),
    reconcile: async (opts?: ReconcileOptions) => {
      const report = await reconcileStep(ctx, opts);
      metrics.reconcileLag(report.lagSeconds);
      return report;
    },
  };
}

export type { ReconcileOptions, ReconcileReport };

/** Finishes what crashes left unfinished (local start and timer, AWS schedule): `steps/reconcile.ts`. */
export const reconcile = (deps: PlatformDeps, opts?: ReconcileOptions): Promise<ReconcileReport> =>
  reconcileStep(createContext(deps), opts);
