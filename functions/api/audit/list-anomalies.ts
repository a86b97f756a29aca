/** `GET /v1/audit/anomalies?from&to&kind&department&includeTests&limit&cursor`. */
import { httpHandler, type HandlerOverrides } from '../../http/handler';
import { toPage } from '../../http/pagination';
import { endpoint } from '../contract';
import { auditService, type AuditService, type Lazy } from '../services';

export const createListAnomaliesHandler = (audit: Lazy<AuditService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('list-anomalies'), ...overrides }, async ({ principal, query }) => ({
    status: 200,
    body: toPage(await audit().anomalies(principal, query)),
  }));

export const handler = createListAnomaliesHandler(auditService);
