/** `GET /v1/audit/events`: the timing log across applications, time-ordered (inspectors). */
import { httpHandler, type HandlerOverrides } from '../../http/handler';
import { toPage } from '../../http/pagination';
import { endpoint } from '../contract';
import { auditService, type AuditService, type Lazy } from '../services';

export const createListAuditEventsHandler = (audit: Lazy<AuditService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('list-audit-events'), ...overrides }, async ({ principal, query }) => ({
    status: 200,
    body: toPage(await audit().events(principal, query)),
  }));

export const handler = createListAuditEventsHandler(auditService);
