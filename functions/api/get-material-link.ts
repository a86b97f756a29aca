/** `GET /v1/applications/{id}/materials/{materialId}` -> a presigned GET `{url, expiresAt}`. */
import { httpHandler, type HandlerOverrides } from '../http/handler';
import { endpoint } from './contract';
import { applicationService, auditService, type ApplicationService, type Lazy } from './services';
import { loggingInspectorReads } from './audit/inspector-reads';

/** Builds the handler over an application service getter. */
export const createGetMaterialLinkHandler = (applications: Lazy<ApplicationService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('get-material-link'), ...overrides }, async ({ principal, params }) => ({
    status: 200,
    body: await applications().materialLink(principal, params.id, params.materialId),
  }));

// Inspectors' reads are logged (issue 8, functions/api/audit/inspector-reads.ts).
export const handler = loggingInspectorReads(
  'get-material-link',
  createGetMaterialLinkHandler(applicationService),
  () => auditService().accessLog,
);
