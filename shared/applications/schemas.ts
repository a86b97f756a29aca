import * as z from 'zod';
import { residentIdNumber } from '../identity';

/**
 * The request and view shapes of the application API. The HTTP handlers parse with them and
 * `/v1/openapi.json` is generated from them, so they are the one source of truth.
 */
const id = (what: string) => z.string().min(1, `${what} is required`).max(64);
const Iso = z.iso.datetime();
const Json = z.record(z.string(), z.unknown());
export const LocalizedName = z.object({ zh: z.string(), en: z.string() });

export const MaterialRef = z.object({
  materialId: id('materialId'),
  uploadId: z.string().regex(/^U[0-9A-HJKMNP-TV-Z]{26}$/, 'not an upload id from POST /v1/uploads'),
});
export type MaterialRef = z.infer<typeof MaterialRef>;

export const OnBehalfOf = z.object({
  name: z.string().trim().min(1).max(50),
  idNumber: residentIdNumber(),
  relation: z.string().trim().min(1).max(20),
});
export type OnBehalfOf = z.infer<typeof OnBehalfOf>;

export const SubmitApplicationRequest = z.object({
  serviceId: id('serviceId'),
  form: Json,
  materials: z.array(MaterialRef).max(50).default([]),
  onBehalfOf: OnBehalfOf.optional(),
});
// The services take bodies as the edge's parse leaves them (defaults applied).
export type SubmitApplicationRequest = z.output<typeof SubmitApplicationRequest>;

export const SupplementRequest = z.object({
  department: id('department'),
  form: Json.optional(),
  materials: z.array(MaterialRef).max(50).optional(),
  note: z.string().max(1000).optional(),
});
export type SupplementRequest = z.infer<typeof SupplementRequest>;

export const MissingItem = z
  .object({ materialId: z.string().max(64).optional(), field: z.string().max(200).optional(), reason: z.string().min(1).max(500) })
  .refine((m) => m.materialId !== undefined || m.field !== undefined, 'name a materialId or a field');
export type MissingItem = z.infer<typeof MissingItem>;

export const DECISIONS = ['approve', 'reject', 'request-supplement'] as const;
export type Decision = (typeof DECISIONS)[number];

export const DecisionRequest = z
  .object({
    decision: z.enum(DECISIONS),
    comment: z.string().trim().max(2000).optional(),
    missing: z.array(MissingItem).max(50).optional(),
    /** What an approval hands forward, as the department declares (GET /v1/services/{id}: departments[].results). */
    results: z.record(z.string().max(40), z.string().trim().min(1).max(200)).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.decision === 'request-supplement' && !d.missing?.length) {
      ctx.addIssue({ code: 'custom', path: ['missing'], message: 'list every missing item at once for request-supplement' });
    }
    if (d.decision === 'reject' && !d.comment) {
      ctx.addIssue({ code: 'custom', path: ['comment'], message: 'a rejection needs its reasons in comment' });
    }
  });
export type DecisionRequest = z.infer<typeof DecisionRequest>;

export const CreateUploadRequest = z.object({
  serviceId: id('serviceId'),
  materialId: id('materialId'),
  contentType: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
  sizeBytes: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be the lowercase hex SHA-256 of the bytes'),
});
export type CreateUploadRequest = z.infer<typeof CreateUploadRequest>;

// ---- views (what the API returns; mappers whitelist fields into these) ----

/** The contract's statuses plus `failed`: the platform could not finish the application (docs/API.md). */
export const APPLICATION_STATUSES = [
  'submitted',
  'in-review',
  'supplement-required',
  'approved',
  'rejected',
  'withdrawn',
  'failed',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const BRANCH_STATUSES = ['pending', 'open', 'supplement-required', 'approved', 'rejected', 'cancelled'] as const;
export type BranchStatus = (typeof BRANCH_STATUSES)[number];

export const TimelineEntry = z.object({
  at: Iso,
  type: z.string(),
  department: z.string().optional(),
  actor: z.object({ role: z.string() }),
  /** The branch's due time when the event happened (department events). */
  dueAt: Iso.optional(),
  /** Working days of the branch's limit used by then (opening day and suspensions not counted). */
  workingDaysUsed: z.number().int().nonnegative().optional(),
  detail: Json.optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const SupplementRequestView = z.object({
  requestedAt: Iso,
  missing: z.array(MissingItem),
  comment: z.string().optional(),
  providedAt: Iso.optional(),
  note: z.string().optional(),
});
export type SupplementRequestView = z.infer<typeof SupplementRequestView>;

export const HandedForwardView = z.object({
  department: z.string(),
  results: z.array(z.object({ id: z.string(), label: LocalizedName, value: z.string() })),
});
export type HandedForwardView = z.infer<typeof HandedForwardView>;

export const BranchView = z.object({
  department: z.string(),
  status: z.enum(BRANCH_STATUSES),
  openedAt: Iso.optional(),
  dueAt: Iso.optional(),
  overdue: z.boolean(),
  decidedAt: Iso.optional(),
  decision: z.enum(DECISIONS).optional(),
  comment: z.string().optional(),
  supplementRequests: z.array(SupplementRequestView),
  /** A branch not yet open (staged services): the departments of earlier stages that have not approved yet. */
  waitingFor: z.array(z.string()).optional(),
  /** A branch not yet open: its due date if it opens when its earlier stages are due (docs/CALENDAR.md). */
  projectedDueAt: Iso.optional(),
  /** What the department's approval handed forward (the applicant's and inspectors' view). */
  results: HandedForwardView.shape.results.optional(),
});
export type BranchView = z.infer<typeof BranchView>;

export const SharedDataCheckView = z.object({ id: z.string(), name: LocalizedName, passed: z.boolean(), summary: LocalizedName });
export type SharedDataCheckView = z.infer<typeof SharedDataCheckView>;

export const ApplicationResult = z.object({
  outcome: z.enum(['approved', 'rejected', 'failed']),
  rejectedBy: z.string().optional(),
  reasons: z.string().optional(),
  /** Why the application ended without a department's decision: the applicant's supplement came too late, or processing failed. */
  reason: z.enum(['supplement-expired', 'processing-failed']).optional(),
  /** What the applicant is told, for `reason`. */
  message: z.object({ zh: z.string(), en: z.string() }).optional(),
});
export type ApplicationResult = z.infer<typeof ApplicationResult>;

export const ApplicationView = z.object({
  id: z.string(),
  serviceId: z.string(),
  serviceVersion: z.number().int(),
  status: z.enum(APPLICATION_STATUSES),
  submittedAt: Iso,
  dueAt: Iso,
  completedAt: Iso.optional(),
  walkthrough: z.boolean(),
  onBehalfOf: z.object({ name: z.string(), idNumber: z.string(), relation: z.string() }).optional(),
  branches: z.array(BranchView),
  timeline: z.array(TimelineEntry),
  result: ApplicationResult.optional(),
  sharedDataChecks: z.array(SharedDataCheckView),
});
export type ApplicationView = z.infer<typeof ApplicationView>;

export const ApplicationSummary = ApplicationView.pick({
  id: true,
  serviceId: true,
  status: true,
  submittedAt: true,
  dueAt: true,
  walkthrough: true,
});
export type ApplicationSummary = z.infer<typeof ApplicationSummary>;

export const TaskSummary = z.object({
  taskId: z.string(),
  applicationId: z.string(),
  serviceId: z.string(),
  department: z.string(),
  status: z.enum(BRANCH_STATUSES),
  openedAt: Iso,
  dueAt: Iso,
  overdue: z.boolean(),
  walkthrough: z.boolean(),
  /** A probe's branch, decided by the system when it opened: nothing for an officer to do. */
  probe: z.boolean().optional(),
});
export type TaskSummary = z.infer<typeof TaskSummary>;

export const TaskDetail = TaskSummary.extend({
  decision: z.enum(DECISIONS).optional(),
  decidedAt: Iso.optional(),
  comment: z.string().optional(),
  supplementRequests: z.array(SupplementRequestView),
  form: Json,
  materials: z.array(z.object({ materialId: z.string(), name: LocalizedName, sizeBytes: z.number(), contentType: z.string() })),
  checks: z.array(SharedDataCheckView.extend({ detail: Json })),
  /** This task's own approval results, once approved. */
  results: HandedForwardView.shape.results.optional(),
  /** The results the departments of earlier stages approved with (staged services). */
  handedForward: z.array(HandedForwardView),
});
export type TaskDetail = z.infer<typeof TaskDetail>;

export const DecisionResult = TaskSummary.extend({ decision: z.enum(DECISIONS), decidedAt: Iso });
export type DecisionResult = z.infer<typeof DecisionResult>;

export const UploadTicket = z.object({
  uploadId: z.string(),
  url: z.string().url(),
  method: z.literal('PUT'),
  headers: z.record(z.string(), z.string()),
  expiresAt: Iso,
});
export type UploadTicket = z.infer<typeof UploadTicket>;

export const MaterialLink = z.object({ url: z.string().url(), expiresAt: Iso });
export type MaterialLink = z.infer<typeof MaterialLink>;

export const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), cursor: z.string().max(1024).optional() });
/** `waiting`: tasks waiting for the applicant's supplement (the officer's third inbox tab). */
export const InboxQuery = ListQuery.extend({
  status: z.enum(['open', 'overdue', 'done', 'waiting']).default('open'),
  /** `true`: the overdue list also shows walk-throughs (left out by default, like every figure). */
  includeTests: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
