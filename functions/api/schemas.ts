/**
 * Schemas of the HTTP layer that the services do not own: path parameters, the catalog views
 * and the small acknowledgement bodies. Request and view schemas of applications and tasks
 * come from shared/applications/schemas.ts.
 */
import * as z from 'zod';
import { APP_ID } from '../../shared/applications/ids';
import { APPLICATION_STATUSES } from '../../shared/applications/schemas';
import { DEPARTMENT_ID_PATTERN, TASK_ID_PATTERN } from '../../shared/names';
import { FINDING_ID, WALKTHROUGH_ID } from '../../shared/walkthroughs/schemas';

const slug = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/);

export const ServicePath = z.object({ serviceId: slug });
export const ApplicationPath = z.object({ id: z.string().regex(APP_ID) });
export const MaterialPath = ApplicationPath.extend({ materialId: slug });
export const DepartmentPath = z.object({ dept: z.string().regex(DEPARTMENT_ID_PATTERN) });
export const TaskPath = z.object({ taskId: z.string().regex(TASK_ID_PATTERN) });
export const WalkthroughPath = z.object({ id: z.string().regex(WALKTHROUGH_ID) });
export const FindingPath = WalkthroughPath.extend({ findingId: z.string().regex(FINDING_ID) });

const LocalizedName = z.object({ zh: z.string(), en: z.string() });

export const ServiceSummary = z.object({
  id: z.string(),
  version: z.number().int(),
  name: LocalizedName,
  description: LocalizedName,
  timeLimitWorkingDays: z.number().int().describe('The longest path: branches of a stage in parallel, stages one after another'),
  leadDepartment: z.string().describe('The department that answers bad reviews (好差评 follow-up) of this service'),
  departments: z.array(
    z.object({
      id: z.string(),
      name: LocalizedName,
      timeLimitWorkingDays: z.number().int(),
      // Issue 15: stages, the limit's source and the results an approval hands forward.
      after: z.array(z.string()).describe('Departments whose approval this one needs first (empty: opens at intake)'),
      timeLimitBasis: z
        .object({ kind: z.enum(['statute', 'local-promise']), source: LocalizedName })
        .nullable()
        .describe('Law and article, or the local promise, the limit rests on'),
      results: z.array(
        z.object({ id: z.string(), label: LocalizedName, pattern: z.string(), required: z.boolean(), personal: z.boolean() }),
      ),
    }),
  ),
});
export type ServiceSummary = z.infer<typeof ServiceSummary>;

export const ServiceList = z.object({ items: z.array(ServiceSummary) });

export const ServiceDetail = ServiceSummary.extend({
  legalBasis: z.array(z.string()),
  oneTimeNotice: z
    .object({ workingDays: z.number().int(), basis: LocalizedName })
    .describe('Missing materials are notified all at once within this limit (一次性告知)'),
  formSchema: z.record(z.string(), z.unknown()).describe('JSON Schema (draft 2020-12) of `form`; examples[0] is a valid form'),
  materials: z.array(
    z.object({
      id: z.string(),
      name: LocalizedName,
      required: z.boolean(),
      accept: z.array(z.string()),
      maxBytes: z.number().int(),
      replacedBySharedData: z.string().nullable().describe('Id of the data-sharing check that replaces this material when it passes'),
    }),
  ),
});
export type ServiceDetail = z.infer<typeof ServiceDetail>;

export const ApplicationAccepted = z.object({
  id: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  links: z.object({ self: z.string(), supplements: z.string(), withdraw: z.string() }),
});
export type ApplicationAccepted = z.infer<typeof ApplicationAccepted>;

export const Health = z.object({ ok: z.literal(true) });

/** The OpenAPI document itself is described loosely: it is JSON, its schema is OpenAPI's. */
export const OpenApiDocument = z.record(z.string(), z.unknown());
