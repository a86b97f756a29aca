/** The inspector route handlers by route name (merged into functions/api/handlers.ts). */
import type { ApiServices } from '../services';
import { createListAuditEventsHandler } from './list-audit-events';
import { createVerifyAuditHandler } from './verify-audit';
import { createGetTimelinessReportHandler } from './get-timeliness-report';
import { createListAnomaliesHandler } from './list-anomalies';
import { createExportAuditHandler } from './export-audit';
import { createGetAuditPublicKeyHandler } from './get-audit-public-key';

export const createAuditHandlers = (s: ApiServices) => ({
  'list-audit-events': createListAuditEventsHandler(s.audit),
  'verify-audit': createVerifyAuditHandler(s.audit),
  'get-timeliness-report': createGetTimelinessReportHandler(s.audit),
  'list-anomalies': createListAnomaliesHandler(s.audit),
  'export-audit': createExportAuditHandler(s.audit),
  'get-audit-public-key': createGetAuditPublicKeyHandler(s.audit),
});
