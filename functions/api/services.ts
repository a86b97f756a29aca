/**
 * The services the API handlers call, each built on first use from a deps getter. Public
 * routes never build them, so the catalog and health answer without any configuration.
 */
import { createApplicationService, createTaskService, createUploadService } from '../../shared/applications';
import type { PlatformDeps } from '../../shared/deps';
import { createAuditService, type AuditService } from '../../shared/audit/service';
import type { Catalog } from '../../workflows/types';
import { seedCatalog } from '../../workflows/catalog';
import { lambdaDeps } from '../deps';
import { once, type Lazy } from '../lazy';

export type { Lazy } from '../lazy';
export type ApplicationService = ReturnType<typeof createApplicationService>;
export type TaskService = ReturnType<typeof createTaskService>;
export type UploadService = ReturnType<typeof createUploadService>;
export type { AuditService };

/** What the API handler factories take (functions/api/handlers.ts builds every handler from it). */
export interface ApiServices {
  applications: Lazy<ApplicationService>;
  tasks: Lazy<TaskService>;
  uploads: Lazy<UploadService>;
  catalog: Catalog;
  /** Inspectors (issue 8). */
  audit: Lazy<AuditService>;
}

export function createApiServices(deps: Lazy<PlatformDeps>, catalog: Catalog): ApiServices {
  return {
    applications: once(() => createApplicationService(deps())),
    tasks: once(() => createTaskService(deps())),
    uploads: once(() => createUploadService(deps())),
    catalog,
    audit: once(() => createAuditService(deps())),
  };
}

// The Lambda process's services: the modules' exported `handler`s use these.
const lambdaServices = createApiServices(lambdaDeps, seedCatalog);
export const applicationService = lambdaServices.applications;
export const taskService = lambdaServices.tasks;
export const uploadService = lambdaServices.uploads;
export const auditService = lambdaServices.audit;
