/** `GET /v1/audit/public-key`: `{keyId, algorithm, publicKeyPem}` to verify exports. */
import { httpHandler, type HandlerOverrides } from '../../http/handler';
import { endpoint } from '../contract';
import { auditService, type AuditService, type Lazy } from '../services';

export const createGetAuditPublicKeyHandler = (audit: Lazy<AuditService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('get-audit-public-key'), ...overrides }, async ({ principal }) => ({
    status: 200,
    body: await audit().publicKey(principal),
  }));

export const handler = createGetAuditPublicKeyHandler(auditService);
