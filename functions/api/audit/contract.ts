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
} as const;
