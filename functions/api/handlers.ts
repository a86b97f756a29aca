/**
 * Every API handler by route name (functions/routes.ts), built from one set of services: the
 * local runtime serves these, so its handlers use its deps without any process-wide state.
 */
import type { Context } from 'aws-lambda';
import type { HttpEvent } from '../http/handler';
import type { HttpResult } from '../http/responses';
import { createCreateUploadHandler } from './create-upload';
import { createDecideTaskHandler } from './decide-task';
import { createGetApplicationHandler } from './get-application';
import { createGetMaterialLinkHandler } from './get-material-link';
import { createGetOpenApiHandler } from './get-openapi';
import { createGetServiceHandler } from './get-service';
import { createGetTaskHandler } from './get-task';
import { createHealthHandler } from './health';
import { createListApplicationsHandler } from './list-applications';
import { createListDepartmentTasksHandler } from './list-department-tasks';
import { createListServicesHandler } from './list-services';
import { createProvideSupplementHandler } from './provide-supplement';
import { createSubmitApplicationHandler } from './submit-application';
import { createWithdrawApplicationHandler } from './withdraw-application';
import type { ApiServices } from './services';
import { createAuditHandlers } from './audit/handlers';
import { loggingInspectorReads } from './audit/inspector-reads';

export type ApiHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

export function createApiHandlers(s: ApiServices): Readonly<Record<string, ApiHandler>> {
  return {
    health: createHealthHandler(),
    'get-openapi': createGetOpenApiHandler(),
    'list-services': createListServicesHandler(s.catalog.catalog),
    'get-service': createGetServiceHandler((id) => s.catalog.getService(id)),
    'create-upload': createCreateUploadHandler(s.uploads),
    'submit-application': createSubmitApplicationHandler(s.applications),
    'list-applications': createListApplicationsHandler(s.applications),
    'get-application': loggingInspectorReads('get-application', createGetApplicationHandler(s.applications), () => s.audit().accessLog),
    'provide-supplement': createProvideSupplementHandler(s.applications),
    'withdraw-application': createWithdrawApplicationHandler(s.applications),
    'get-material-link': loggingInspectorReads(
      'get-material-link',
      createGetMaterialLinkHandler(s.applications),
      () => s.audit().accessLog,
    ),
    'list-department-tasks': createListDepartmentTasksHandler(s.tasks),
    'get-task': createGetTaskHandler(s.tasks),
    'decide-task': createDecideTaskHandler(s.tasks),
    ...createAuditHandlers(s),
  };
}
