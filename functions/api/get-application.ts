/** `GET /v1/applications/{id}`: 404 unless the caller may read it (the service decides). */
import { httpHandler, type HandlerOverrides } from '../http/handler';
import { endpoint } from './contract';
import { applicationService, auditService, type ApplicationService, type Lazy } from './services';
import { loggingInspectorReads } from './audit/inspector-reads';

/** Builds the handler over an application service getter. */
export const createGetApplicationHandler = (applications: Lazy<ApplicationService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('get-application'), ...overrides }, async ({ principal, params }) => ({
    status: 200,
    body: await applications().get(principal, params.id),
  }));

// Inspectors' reads are logged (issue 8, functions/api/audit/inspector-reads.ts).
export const handler = loggingInspectorReads(
  'get-application',
  createGetApplicationHandler(applicationService),
  () => auditService().accessLog,
);
