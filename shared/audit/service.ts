/**
 * The inspectors' capability (issue 8) over injected deps: every call is read-only on the
 * applications and logs itself first (access-log.ts), so no read goes unrecorded.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createCursorCodec, fallbackCursorSecret } from '../applications/cursor';
import type { Principal } from '../auth/principal';
import type { Clock } from '../clock';
import type { Config } from '../config';
import { createAccessLog, type AccessLog } from './access-log';
import { listEvents, type EventFilters } from './events-query';
import { periodOf } from './period';
import type { TimingEventType } from './types';

export interface AuditDeps {
  config: Pick<Config, 'auditTableName' | 'tableName' | 'cursorSecret'>;
  ddb: DynamoDBDocumentClient;
  clock: Clock;
}

export interface EventsQuery {
  applicationId?: string;
  department?: string;
  serviceId?: string;
  type?: TimingEventType;
  from?: string;
  to?: string;
  includeTests: boolean;
  limit: number;
  cursor?: string;
}

/** The query parameters of a read as logged: only those given, as text. */
const logged = (q: object): Record<string, string> =>
  Object.fromEntries(Object.entries(q).flatMap(([k, v]) => (v === undefined || k === 'cursor' ? [] : [[k, String(v)]])));

export function createAuditService(deps: AuditDeps) {
  const tableName = deps.config.auditTableName;
  const cursors = createCursorCodec(deps.config.cursorSecret ?? fallbackCursorSecret(deps.config.tableName));
  const accessLog: AccessLog = createAccessLog({ ddb: deps.ddb, clock: deps.clock, tableName });
  const who = (p: Principal) => ({ role: p.role, sub: p.sub });

  return {
    accessLog,
    async events(p: Principal, q: EventsQuery) {
      await accessLog.record({ who: who(p), route: 'list-audit-events', what: logged(q) });
      const period = q.from !== undefined && q.to !== undefined ? periodOf(q.from, q.to) : undefined;
      const filters: EventFilters = {
        includeTests: q.includeTests,
        ...(q.applicationId !== undefined ? { applicationId: q.applicationId } : {}),
        ...(q.department !== undefined ? { department: q.department } : {}),
        ...(q.serviceId !== undefined ? { serviceId: q.serviceId } : {}),
        ...(q.type !== undefined ? { type: q.type } : {}),
        ...(period ? { period } : {}),
      };
      return listEvents({ ddb: deps.ddb, tableName, cursors }, p.sub, filters, {
        limit: q.limit,
        ...(q.cursor ? { cursor: q.cursor } : {}),
      });
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
