/** `GET /v1/audit/verify?applicationId=` or `?from&to`: chains recomputed and checked against the anchors. */
import { httpHandler, type HandlerOverrides } from '../../http/handler';
import { endpoint } from '../contract';
import { auditService, type AuditService, type Lazy } from '../services';

export const createVerifyAuditHandler = (audit: Lazy<AuditService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('verify-audit'), ...overrides }, async ({ principal, query }) => ({
    status: 200,
    body: await audit().verify(principal, query),
  }));

export const handler = createVerifyAuditHandler(auditService);
