/**
 * The services the API handlers call, each built on first use from a deps getter. Public
 * routes never build them, so the catalog and health answer without any configuration.
 */
import { createApplicationService, createTaskService, createUploadService } from '../../shared/applications';
import type { PlatformDeps } from '../../shared/deps';
import { createWalkthroughService } from '../../shared/walkthroughs';
import { createEvaluationService, type EvaluationService } from '../../shared/evaluations';
import { createNotificationService, type NotificationService } from '../../shared/notifications';
import { createAuditService, type AuditService } from '../../shared/audit/service';
import type { Catalog } from '../../workflows/types';
import { seedCatalog } from '../../workflows/catalog';
import { lambdaDeps } from '../deps';
import { once, type Lazy } from '../lazy';
import { createEventServiceGetter, type EventService } from './events/services';

export type { Lazy } from '../lazy';
export type ApplicationService = ReturnType<typeof createApplicationService>;
export type TaskService = ReturnType<typeof createTaskService>;
export type UploadService = ReturnType<typeof createUploadService>;
export type WalkthroughService = ReturnType<typeof createWalkthroughService>;
export type { EvaluationService, NotificationService };
export type { AuditService };

/** What the API handler factories take (functions/api/handlers.ts builds every handler from it). */
export interface ApiServices {
  applications: Lazy<ApplicationService>;
  tasks: Lazy<TaskService>;
  uploads: Lazy<UploadService>;
  evaluations: Lazy<EvaluationService>;
  notifications: Lazy<NotificationService>;
  catalog: Catalog;
  walkthroughs: Lazy<WalkthroughService>;
  /** 12345 events (issue 10). */
  events: Lazy<EventService>;
  /** Inspectors (issue 8). */
  audit: Lazy<AuditService>;
}

export function createApiServices(deps: Lazy<PlatformDeps>, catalog: Catalog): ApiServices {
  return {
    applications: once(() => createApplicationService(deps())),
    tasks: once(() => createTaskService(deps())),
    uploads: once(() => createUploadService(deps())),
    evaluations: once(() => createEvaluationService(deps())),
    notifications: once(() => createNotificationService(deps())),
    catalog,
    walkthroughs: once(() => createWalkthroughService(deps())),
    events: createEventServiceGetter(deps),
    audit: once(() => createAuditService(deps())),
  };
}

// The Lambda process's services: the modules' exported `handler`s use these.
const lambdaServices = createApiServices(lambdaDeps, seedCatalog);
export const applicationService = lambdaServices.applications;
export const taskService = lambdaServices.tasks;
export const uploadService = lambdaServices.uploads;
export const walkthroughService = lambdaServices.walkthroughs;
export const evaluationService = lambdaServices.evaluations;
export const notificationService = lambdaServices.notifications;
export const auditService = lambdaServices.audit;
