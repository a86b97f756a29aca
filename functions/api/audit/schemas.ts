/**
 * Queries and responses of the inspector routes (HTTP-API.md "Discipline inspector").
 * Dates are CST calendar days `YYYY-MM-DD`, `from` and `to` inclusive.
 */
import * as z from 'zod';
import { APP_ID } from '../../../shared/applications/ids';
import { ListQuery } from '../../../shared/applications/schemas';
import { EVENT_TYPES } from '../../../shared/audit/types';
import { ANOMALY_KINDS } from '../../../shared/audit/anomalies';
import { periodDays, periodOf } from '../../../shared/audit/period';
import { DEPARTMENT_ID_PATTERN } from '../../../shared/names';

/** The longest period one request may name: a year (leap years included). */
export const MAX_PERIOD_DAYS = 366;

const CstDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Must be a date YYYY-MM-DD (China Standard Time)');
const Flag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true');
const ServiceId = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'Must be a service id');
const Department = z.string().regex(DEPARTMENT_ID_PATTERN, 'Must be a department id');

type PeriodFields = { from?: string; to?: string };
/** Both dates real, `from <= to`, at most MAX_PERIOD_DAYS; `required` unless another key selects the events. */
const checkPeriod = (q: PeriodFields, ctx: z.RefinementCtx, required: boolean) => {
  if (q.from === undefined && q.to === undefined && !required) return;
  for (const field of ['from', 'to'] as const) {
    if (q[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'Required' });
    else if (periodOf(q[field], q[field]) === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'Not a calendar date' });
  }
  if (q.from === undefined || q.to === undefined || !periodOf(q.from, q.to)) return;
  if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Must not be before from' });
  else if (periodDays({ from: q.from, to: q.to }) > MAX_PERIOD_DAYS)
    ctx.addIssue({ code: 'custom', path: ['to'], message: `The period may span at most ${MAX_PERIOD_DAYS} days` });
};

export const AuditEventsQuery = ListQuery.extend({
  applicationId: z.string().regex(APP_ID, 'Must be an application id').optional(),
  department: Department.optional(),
  serviceId: ServiceId.optional(),
  type: z.enum(EVENT_TYPES).optional(),
  from: CstDate.optional(),
  to: CstDate.optional(),
  includeTests: Flag,
}).superRefine((q, ctx) => checkPeriod(q, ctx, q.applicationId === undefined));

export const AuditEvent = z.object({
  applicationId: z.string(),
  seq: z.number().int(),
  at: z.string(),
  type: z.string(),
  serviceId: z.string(),
  department: z.string().optional(),
  actor: z.object({ role: z.string(), sub: z.string().optional() }),
  dueAt: z.string().optional(),
  workingDaysUsed: z.number().optional(),
  detail: z.record(z.string(), z.unknown()).optional(),
  walkthrough: z.boolean(),
  prevHash: z.string(),
  hash: z.string(),
});

export const VerifyQuery = z
  .object({
    applicationId: z.string().regex(APP_ID, 'Must be an application id').optional(),
    from: CstDate.optional(),
    to: CstDate.optional(),
  })
  .superRefine((q, ctx) => {
    if (q.applicationId !== undefined && (q.from !== undefined || q.to !== undefined))
      ctx.addIssue({ code: 'custom', path: ['applicationId'], message: 'Give either applicationId or from and to, not both' });
    else checkPeriod(q, ctx, q.applicationId === undefined);
  });

export const Verification = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  chains: z.number().int(),
  broken: z.array(z.object({ applicationId: z.string(), seq: z.number().int().optional(), reason: z.string() })),
});

const PeriodQuery = z.object({ from: CstDate, to: CstDate });
const periodRefine = (q: PeriodFields, ctx: z.RefinementCtx) => checkPeriod(q, ctx, true);

export const TimelinessQuery = PeriodQuery.extend({
  serviceId: ServiceId.optional(),
  department: Department.optional(),
  includeTests: Flag,
}).superRefine(periodRefine);

const Stats = z.object({ avg: z.number().nullable(), p50: z.number().nullable(), p90: z.number().nullable() });
const Figures = {
  applications: z.number().int(),
  completed: z.number().int(),
  withdrawn: z.number().int(),
  inProgress: z.number().int(),
  failed: z.number().int(),
  completionRate: z.number().nullable(),
  completedOnTime: z.number().int(),
  onTimeRate: z.number().nullable(),
  handlingMinutes: Stats,
  evaluations: z.number().int(),
  badReviews: z.number().int(),
  satisfactionRate: z.number().nullable(),
};
export const TimelinessReport = z.object({
  from: z.string(),
  to: z.string(),
  generatedAt: z.string(),
  includeTests: z.boolean(),
  totals: z.object(Figures),
  byService: z.array(z.object({ serviceId: z.string(), ...Figures })),
  byDepartment: z.array(
    z.object({
      department: z.string(),
      tasks: z.number().int(),
      decided: z.number().int(),
      decidedOnTime: z.number().int(),
      overdueOpen: z.number().int(),
      onTimeRate: z.number().nullable(),
      handlingMinutes: Stats,
      workingDaysUsed: Stats,
    }),
  ),
});

export const AnomaliesQuery = ListQuery.extend({
  from: CstDate,
  to: CstDate,
  kind: z.enum(ANOMALY_KINDS).optional(),
  department: Department.optional(),
  includeTests: Flag,
}).superRefine(periodRefine);

export const AnomalyItem = z.object({
  kind: z.enum(ANOMALY_KINDS),
  applicationId: z.string(),
  department: z.string().optional(),
  at: z.string(),
  detail: z.record(z.string(), z.unknown()),
});

/** `GET /v1/audit/export`: the whole period, no paging (the body is signed as one). */
export const ExportQuery = PeriodQuery.extend({
  includeTests: Flag,
  format: z.enum(['ndjson', 'csv']).default('ndjson'),
}).superRefine(periodRefine);

/** The export is NDJSON or CSV text, not JSON: the digest is its last line or the `OneThing-Digest` header. */
export const ExportBody = z.string();

export const PublicKey = z.object({
  keyId: z.string(),
  algorithm: z.enum(['Ed25519', 'ECDSA_SHA_256', 'SM2DSA']),
  publicKeyPem: z.string(),
});
