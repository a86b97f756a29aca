/** `GET /v1/audit/reports/timeliness?from&to&serviceId&department&includeTests` (PRODUCT.md definitions). */
import { httpHandler, type HandlerOverrides } from '../../http/handler';
import { endpoint } from '../contract';
import { auditService, type AuditService, type Lazy } from '../services';

export const createGetTimelinessReportHandler = (audit: Lazy<AuditService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('get-timeliness-report'), ...overrides }, async ({ principal, query }) => ({
    status: 200,
    body: await audit().timeliness(principal, query),
  }));

export const handler = createGetTimelinessReportHandler(auditService);
