/**
 * The services the handlers call, built on first use from the process-wide dependencies
 * (Lambda cold start; the local runtime installs its own deps first). Public routes never
 * build them, so the catalog and health answer without any configuration.
 */
import { createApplicationService, createTaskService, createUploadService } from '../../shared/applications';
import { getPlatformDeps } from '../../shared/deps';

export type ApplicationService = ReturnType<typeof createApplicationService>;
export type TaskService = ReturnType<typeof createTaskService>;
export type UploadService = ReturnType<typeof createUploadService>;

/** A getter that builds its value once; handlers receive getters so tests can pass fakes. */
export type Lazy<T> = () => T;

function once<T>(build: () => T): Lazy<T> {
  let value: T | undefined;
  return () => (value ??= build());
}

export const applicationService: Lazy<ApplicationService> = once(() => createApplicationService(getPlatformDeps()));
export const taskService: Lazy<TaskService> = once(() => createTaskService(getPlatformDeps()));
export const uploadService: Lazy<UploadService> = once(() => createUploadService(getPlatformDeps()));
