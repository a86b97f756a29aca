/** Contracts of the inspector routes (merged into functions/api/contract.ts). */
import type { Role } from '../../../shared/auth/principal';
import { pageOf } from '../../http/pagination';
import * as A from './schemas';

const INSPECTORS = ['inspector'] as const satisfies readonly Role[];

export const auditContracts = {
  'list-audit-events': {
    auth: 'jwt',
    summary: 'The timing log across applications, in time order (ID numbers masked)',
    roles: INSPECTORS,
    query: A.AuditEventsQuery,
    response: { status: 200, schema: pageOf(A.AuditEvent), description: 'A page of events, oldest first' },
  },
  'verify-audit': {
    auth: 'jwt',
    summary: 'Recompute chains and check them against the sealed anchors',
    roles: INSPECTORS,
    query: A.VerifyQuery,
    response: { status: 200, schema: A.Verification, description: '`ok` with what was checked, or every break found' },
  },
  'get-timeliness-report': {
    auth: 'jwt',
    summary: 'Completion and on-time rates, handling times, satisfaction (PRODUCT.md "Supervision")',
    roles: INSPECTORS,
    query: A.TimelinessQuery,
    response: { status: 200, schema: A.TimelinessReport, description: 'The applications submitted in the period, as they stand now' },
  },
  'list-anomalies': {
    auth: 'jwt',
    summary: 'Overdue, repeated supplements, rubber stamps, off-hours, resubmissions, unanswered bad reviews, tamper',
    roles: INSPECTORS,
    query: A.AnomaliesQuery,
    response: { status: 200, schema: pageOf(A.AnomalyItem), description: 'A page of anomalies, in time order' },
  },
  'export-audit': {
    auth: 'jwt',
    summary: 'Every event of the period in time order, then a signed SHA-256 digest (NDJSON last line, CSV header)',
    roles: INSPECTORS,
    query: A.ExportQuery,
    response: {
      status: 200,
      schema: A.ExportBody,
      mediaTypes: ['application/x-ndjson', 'text/csv'],
      description: 'NDJSON: one event per line, then `{"digest": {...}}`. CSV (UTF-8 with BOM): header row, one row per event',
      headers: {
        'OneThing-Digest': {
          description:
            'CSV only: the digest `{"sha256","count","from","to","signature","keyId"}` as compact JSON (sent as a header: responses are buffered, no HTTP trailer)',
          required: false,
          pattern: '^\\{"sha256":"[0-9a-f]{64}".*\\}$',
        },
      },
    },
  },
  'get-audit-public-key': {
    auth: 'jwt',
    summary: 'The public key that verifies export signatures',
    roles: INSPECTORS,
    response: { status: 200, schema: A.PublicKey, description: '`keyId` as in the export digest, the algorithm and the SPKI PEM' },
  },
} as const;
