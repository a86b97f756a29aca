/** The inspector routes, appended to functions/routes.ts: Query on the log, PutItem only under `ACCESS#`. */
import type { RouteSpec } from '../../routes';

const audit = (name: string) => `functions/api/audit/${name}.ts`;
const READ: RouteSpec['access'] = ['audit:inspect', 'audit:access-log'];
/** The report and the anomalies read the rolled-up fact rows (shared/audit/facts-rollup.ts). */
const FIGURES: RouteSpec['access'] = [...READ, 'main:read-audit-facts'];

export const auditRoutes: readonly RouteSpec[] = [
  { name: 'list-audit-events', method: 'GET', path: '/v1/audit/events', auth: 'jwt', entry: audit('list-audit-events'), access: READ },
  {
    name: 'verify-audit',
    method: 'GET',
    path: '/v1/audit/verify',
    auth: 'jwt',
    entry: audit('verify-audit'),
    // What it finds is recorded as a `tamper` anomaly (shared/audit/tamper-findings.ts).
    access: [...READ, 'archive:read-anchors', 'main:record-tamper'],
  },
  {
    name: 'get-timeliness-report',
    method: 'GET',
    path: '/v1/audit/reports/timeliness',
    auth: 'jwt',
    entry: audit('get-timeliness-report'),
    access: FIGURES,
  },
  // `tamper` anomalies are the stored findings: the list verifies nothing itself.
  {
    name: 'list-anomalies',
    method: 'GET',
    path: '/v1/audit/anomalies',
    auth: 'jwt',
    entry: audit('list-anomalies'),
    access: FIGURES,
  },
  // The export signs with the KMS key (kms:Sign only); the public key is read by its own function.
  {
    name: 'export-audit',
    method: 'GET',
    path: '/v1/audit/export',
    auth: 'jwt',
    entry: audit('export-audit'),
    access: [...READ, 'audit:sign-export'],
  },
  {
    name: 'get-audit-public-key',
    method: 'GET',
    path: '/v1/audit/public-key',
    auth: 'jwt',
    entry: audit('get-audit-public-key'),
    access: ['audit:access-log', 'audit:export-public-key'],
  },
];
