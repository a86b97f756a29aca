/** `GET /v1/audit/export?from&to&includeTests&format=ndjson|csv`: the signed export (inspectors). */
import { httpHandler, type HandlerOverrides } from '../../http/handler';
import { endpoint } from '../contract';
import { auditService, type AuditService, type Lazy } from '../services';

const MEDIA = { ndjson: 'application/x-ndjson; charset=utf-8', csv: 'text/csv; charset=utf-8; header=present' } as const;

export const createExportAuditHandler = (audit: Lazy<AuditService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('export-audit'), ...overrides }, async ({ principal, query }) => {
    const { body, digest } = await audit().export(principal, query);
    return {
      status: 200,
      body: undefined,
      text: { contentType: MEDIA[query.format], body },
      headers: {
        'content-disposition': `attachment; filename="onething-audit-${query.from}-${query.to}.${query.format}"`,
        // CSV has no line to carry the digest. The contract's trailer cannot exist on API Gateway
        // (buffered responses), so it is a plain header on both runtimes (docs/API.md).
        ...(query.format === 'csv' ? { 'onething-digest': JSON.stringify(digest) } : {}),
      },
    };
  });

export const handler = createExportAuditHandler(auditService);
