/**
 * A "one thing" (一件事) as data: the form, the materials, the departments that decide in
 * parallel and the data-sharing checks that replace materials. The generator turns a
 * definition into a state machine; the API serves its form schema and material list.
 */
import type * as z from 'zod';
import type { DataSharing } from '../shared/registries';
import type { NotificationTemplates } from './notification-templates';

/** A name shown to people, in Chinese (authoritative) and English. */
export interface LocalizedName {
  zh: string;
  en: string;
}

/** Content types an upload may have; checked against the magic bytes at submission. */
export type MaterialContentType = 'application/pdf' | 'image/jpeg' | 'image/png';

/** A document the applicant uploads once ("材料非必要不提供": only what shared data cannot replace). */
export interface MaterialSpec {
  /** Stable kebab-case id, used in S3 keys and supplement requests. */
  id: string;
  name: LocalizedName;
  /** Required unless `replacedBySharedData` names a check that passes. */
  required: boolean;
  accept: MaterialContentType[];
  maxBytes: number;
  /** Id of the SharedDataCheck that replaces this material when it passes. */
  replacedBySharedData?: string;
}

/**
 * Where a department's time limit comes from: a statute (law and article) or the local
 * government's own promise (承诺时限) where no statute sets one. Shown in the 办事指南.
 */
export interface TimeLimitBasis {
  kind: 'statute' | 'local-promise';
  source: LocalizedName;
}

/**
 * A result an approval carries forward (e.g. the birth certificate number), declared per
 * department and validated when the officer decides; later stages and the applicant see it.
 */
export interface ResultFieldSpec {
  /** camelCase key in `results` of POST /v1/tasks/{id}/decision. */
  id: string;
  label: LocalizedName;
  /** Anchored regular expression the value must match. */
  pattern: string;
  /** Required on an approval (a rejection or supplement request carries none). */
  required: boolean;
  /** Personal data: masked in the timing log, shown whole only to the applicant and later stages. */
  personal: boolean;
}

/** A department deciding one parallel branch under a statutory limit in working days. */
export interface DepartmentSpec {
  /** Stable kebab-case id (segments start with a letter); also the officer's `dept` claim. */
  id: string;
  name: LocalizedName;
  timeLimitWorkingDays: number;
  /** The legal or local basis of `timeLimitWorkingDays` (docs/WORKFLOWS.md "Limits and their sources"). */
  timeLimitBasis?: TimeLimitBasis;
  /** What this department's approval hands forward to later stages and the applicant. */
  results?: ResultFieldSpec[];
  /** Least privilege (PIPL): the only form fields (dotted paths) and materials the officer sees. */
  sees: { fields: string[]; materials: string[] };
  /** Ids of the SharedDataChecks whose results this department's officers see. */
  checks: string[];
  /**
   * Ids of the departments whose approval this one needs first (a DAG, validated). Without
   * it the department opens at intake. docs/WORKFLOWS.md "Stages".
   */
  after?: string[];
}

/** The result of one data-sharing look-up; `detail` is minimal and holds no ID numbers. */
export interface SharedDataCheckResult {
  passed: boolean;
  summary: LocalizedName;
  detail: Record<string, unknown>;
}

/** A look-up in a government registry (数据共享) run at intake, in place of a certificate. */
export interface SharedDataCheck<F = unknown> {
  id: string;
  name: LocalizedName;
  registry: 'household' | 'realEstate' | 'socialInsurance' | 'enterprise' | 'birthRecord';
  run(form: F, registries: DataSharing): Promise<SharedDataCheckResult>;
}

/** One version of a service. An application keeps the version it was submitted under. */
// `any` is the default so that one catalog list can hold definitions of different form types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a definition of any form type is accepted where the form is not read
export interface ServiceDefinition<F = any> {
  /** Stable kebab-case id; the state machine is `onething-<id>`. */
  id: string;
  /** Positive integer; bump it for any change that affects running applications. */
  version: number;
  name: LocalizedName;
  description: LocalizedName;
  /** Statutes and policy documents the time limits and materials rest on. */
  legalBasis?: string[];
  form: z.ZodType<F>;
  /** A complete valid form using the synthetic registry records, so that every check passes. */
  example: F;
  materials: MaterialSpec[];
  departments: DepartmentSpec[];
  checks: SharedDataCheck<F>[];
  /** Share of each branch's time limit after which the officer is warned, e.g. 0.75. */
  warnAtShare: number;
  /** Re-escalation interval in hours once a branch is overdue. */
  escalateEveryHours: number;
  /** `escalated` events per due date; then the wait only re-arms, at most daily. @default DEFAULT_MAX_ESCALATIONS (10) */
  maxEscalations?: number;
  /**
   * Working days the applicant has to answer a supplement request before the application
   * ends (docs/DESIGN.md). @default DEFAULT_SUPPLEMENT_LIMIT_WORKING_DAYS (30)
   */
  supplementLimitWorkingDays?: number;
  /** Working days to follow up a bad review. @default DEFAULT_FOLLOW_UP_WORKING_DAYS (5) */
  followUpWorkingDays?: number;
  /** The department that answers bad reviews (差评回访整改); one of `departments`. */
  leadDepartment: string;
  /**
   * Dotted path of the form's mobile number: SMS notifications go there (the person the
   * application is for, also when a proxy submitted it). Without it, in-app messages only.
   */
  smsPhoneField?: string;
  /** Notification texts that differ from the platform's (workflows/notification-templates.ts). */
  notificationTemplates?: Partial<NotificationTemplates>;
}

/** Look-ups over the published definitions (built by `createCatalog` in catalog.ts). */
export interface Catalog {
  /** The current version of every service, in list order. */
  catalog: readonly ServiceDefinition[];
  /** The current version of a service; throws UnknownServiceError (HTTP 404). */
  getService(id: string): ServiceDefinition;
  /** A given version, current or old; throws UnknownServiceError / UnknownServiceVersionError. */
  getServiceVersion(id: string, version: number): ServiceDefinition;
}
