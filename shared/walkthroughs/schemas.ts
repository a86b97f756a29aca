import * as z from 'zod';
import { APPLICATION_STATUSES } from '../applications/schemas';
import { DEPARTMENT_ID_PATTERN } from '../names';

/**
 * Request and view shapes of walk-throughs, findings and probes (the handbook's HTTP-API.md,
 * "Official"). The HTTP edge parses with them and `/v1/openapi.json` is generated from them.
 */
const Iso = z.iso.datetime();
const serviceId = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'not a service id');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const WALKTHROUGH_MODES = ['live', 'probe'] as const;
export const SEVERITIES = ['low', 'medium', 'high'] as const;

/** `W` + the application's id without its `A`: the walk-through resolves to its application without a lookup. */
export const WALKTHROUGH_ID = /^W[0-9A-HJKMNP-TV-Z]{26}$/;
export const FINDING_ID = /^F[0-9A-HJKMNP-TV-Z]{26}$/;

export const CreateWalkthroughRequest = z.object({
  serviceId,
  mode: z.enum(WALKTHROUGH_MODES),
  /** The form to submit; the service's example form (`formSchema.examples[0]`) when absent. */
  form: z.record(z.string(), z.unknown()).optional(),
});
export type CreateWalkthroughRequest = z.infer<typeof CreateWalkthroughRequest>;

export const WalkthroughCreated = z.object({
  id: z.string(),
  applicationId: z.string(),
  mode: z.enum(WALKTHROUGH_MODES),
  links: z.object({ self: z.string(), findings: z.string() }),
});
export type WalkthroughCreated = z.infer<typeof WalkthroughCreated>;

export const Burden = z.object({
  formFields: z.number().int().describe('Fields the citizen filled in (leaf values of the submitted form)'),
  requiredMaterials: z.number().int().describe('Materials the service requires'),
  replacedBySharedData: z.number().int().describe('Of those, how many a passing data-sharing check replaced'),
  uploadsNeeded: z.number().int().describe('Files the citizen had to upload (at submission and in supplement rounds)'),
});

export const Step = z.object({
  department: z.string(),
  openedAt: Iso,
  decidedAt: Iso.optional(),
  decision: z.enum(['approve', 'reject']).optional(),
  limitWorkingDays: z.number().int(),
  dueAt: Iso.describe('The due date in force at the decision, or now'),
  workingDaysUsed: z.number().describe('As logged at the final decision; while open, as of now (suspensions not counted)'),
  elapsedMinutes: z.number().describe('decidedAt (or now) - openedAt, wall clock, 1 decimal'),
  withinLimit: z.boolean(),
  supplementRounds: z.number().int(),
});
export type Step = z.infer<typeof Step>;

export const FindingView = z.object({
  id: z.string(),
  text: z.string(),
  severity: z.enum(SEVERITIES),
  department: z.string().optional(),
  createdAt: Iso,
  createdBy: z.object({ role: z.string() }),
  rectifyBy: Iso.describe('End of the configured number of working days after createdAt'),
  overdue: z.boolean().describe('Not rectified and past rectifyBy'),
  rectifiedAt: Iso.optional(),
  rectification: z.string().optional(),
});
export type FindingView = z.infer<typeof FindingView>;

export const WalkthroughReport = z.object({
  id: z.string(),
  serviceId: z.string(),
  mode: z.enum(WALKTHROUGH_MODES),
  status: z.enum(APPLICATION_STATUSES),
  startedAt: Iso,
  completedAt: Iso.optional(),
  startedBy: z.object({ role: z.string() }),
  applicationId: z.string(),
  burden: Burden,
  steps: z.array(Step),
  findings: z.array(FindingView),
  /** Count of unrectified findings past their rectification date. */
  overdueFindings: z.number().int(),
});
export type WalkthroughReport = z.infer<typeof WalkthroughReport>;

export const WalkthroughListQuery = z.object({
  serviceId: serviceId.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().max(1024).optional(),
});
export type WalkthroughListQuery = z.output<typeof WalkthroughListQuery>;

export const WalkthroughSupplementRequest = z.object({
  department: z.string().regex(DEPARTMENT_ID_PATTERN, 'not a department id'),
  /** Form fields to change, merged into the form as the applicant's answer would be. */
  form: z.record(z.string(), z.unknown()).optional(),
  note: z.string().max(1000).optional(),
});
export type WalkthroughSupplementRequest = z.infer<typeof WalkthroughSupplementRequest>;

export const FindingRequest = z.object({
  text: text(2000),
  severity: z.enum(SEVERITIES),
  department: z.string().regex(DEPARTMENT_ID_PATTERN, 'not a department id').optional(),
});
export type FindingRequest = z.infer<typeof FindingRequest>;

export const RectificationRequest = z.object({ note: text(2000) });
export type RectificationRequest = z.infer<typeof RectificationRequest>;

export const ProbeSettingsRequest = z.object({
  everyHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 90),
  enabled: z.boolean(),
});
export type ProbeSettingsRequest = z.infer<typeof ProbeSettingsRequest>;

export const PROBE_RUN_STATUSES = ['running', 'passed', 'failed'] as const;

export const ProbeView = z.object({
  serviceId: z.string(),
  everyHours: z.number().int(),
  enabled: z.boolean(),
  nextRunAt: Iso.optional(),
  lastRun: z
    .object({
      walkthroughId: z.string().optional(),
      status: z.enum(PROBE_RUN_STATUSES),
      at: Iso,
      reason: z.string().optional().describe('Why it failed: the form no longer validates, the outcome, or the limit passed'),
    })
    .optional(),
});
export type ProbeView = z.infer<typeof ProbeView>;
