/**
 * Site settings every service inherits unless its definition says otherwise (docs/DESIGN.md
 * "Limits of the waits"). A city changes them here, or per service in a new version.
 */
import type { ServiceDefinition } from './types';

/**
 * Working days the applicant has to answer a supplement request (补正). No statute fixes the
 * applicant's side (行政许可法 art. 32 only obliges the department to list everything at
 * once); 30 working days is this platform's default, after which the application ends (see
 * DESIGN.md). Per service: `supplementLimitWorkingDays`.
 */
export const DEFAULT_SUPPLEMENT_LIMIT_WORKING_DAYS = 30;

/** `escalated` events per due date; later checkpoints only re-arm (at most daily) and emit the metric. Per service: `maxEscalations`. */
export const DEFAULT_MAX_ESCALATIONS = 10;

/** Once escalations are capped, the overdue wait re-arms at most this often (it never ends). */
export const CAPPED_RECHECK_HOURS = 24;

/** The shortest timeout of a wait: a checkpoint instant already past cannot make it spin. */
export const MIN_WAIT_SECONDS = 60;

/** The service's supplement limit, its own or the site's. */
export const supplementLimitWorkingDays = (def: Pick<ServiceDefinition, 'supplementLimitWorkingDays'>): number =>
  def.supplementLimitWorkingDays ?? DEFAULT_SUPPLEMENT_LIMIT_WORKING_DAYS;

/** The service's escalation cap, its own or the site's. */
export const maxEscalations = (def: Pick<ServiceDefinition, 'maxEscalations'>): number => def.maxEscalations ?? DEFAULT_MAX_ESCALATIONS;

/**
 * 一次性告知: an incomplete application's missing materials are notified all at once within
 * 5 working days (行政许可法 art. 32; art. 82 counts the limits in working days). Shown in
 * every service's guide (GET /v1/services/{id}).
 */
export const ONE_TIME_NOTICE = {
  workingDays: 5,
  basis: {
    zh: '《中华人民共和国行政许可法》第三十二条、第八十二条：申请材料不齐全的，应当在五日内一次告知申请人需要补正的全部内容（按工作日计）',
    en: 'Administrative Licensing Law arts. 32 and 82: missing materials are notified all at once within five (working) days',
  },
} as const;

/**
 * Working days the lead department has to follow up a bad review (好差评: levels 1 and 2),
 * counted like a branch's limit from the review. Per service: `followUpWorkingDays`.
 */
export const DEFAULT_FOLLOW_UP_WORKING_DAYS = 5;

/** The service's follow-up limit, its own or the site's. */
export const followUpWorkingDays = (def: Pick<ServiceDefinition, 'followUpWorkingDays'>): number =>
  def.followUpWorkingDays ?? DEFAULT_FOLLOW_UP_WORKING_DAYS;
