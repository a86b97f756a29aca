/**
 * The evaluation item (好差评) of the main table, one per application (docs/DESIGN.md
 * "Evaluations"): pk `EVAL#<appId>`, sk `EVAL`; listed through `gsi1pk=EVALUATIONS`,
 * `gsi1sk=<createdAt>#<id>`. The sparse `gsi4` mark says what is owed on it:
 * `PENDING#evaluated` until its `evaluated` event is logged, `FOLLOWUP#open` (sort key = the
 * follow-up's due instant) while a bad review waits for its answer, `PENDING#followed-up`
 * until an answer's `followed-up` event is logged.
 */
import type { ApplicantRole } from '../names';

export const EVALUATION_LEVELS = [1, 2, 3, 4, 5] as const;
export const DIMENSIONS = ['efficiency', 'guidance', 'convenience', 'usability'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Levels 1 and 2 (不满意, 非常不满意) are bad reviews, which need a follow-up (PRODUCT.md). */
export const isBadReview = (level: number) => level <= 2;

export const EVALUATIONS_PK = 'EVALUATIONS';
export const MARKS = {
  unlogged: 'PENDING#evaluated',
  followUpOpen: 'FOLLOWUP#open',
  answerUnlogged: 'PENDING#followed-up',
} as const;

export const evaluationPk = (applicationId: string) => `EVAL#${applicationId}`;
/** `E` + the application id's body: one evaluation per application, found without a lookup. */
export const evaluationIdOf = (applicationId: string) => `E${applicationId.slice(1)}`;
export const applicationIdOf = (evaluationId: string) => `A${evaluationId.slice(1)}`;
export const EVALUATION_ID = /^E[0-9A-HJKMNP-TV-Z]{26}$/;

export interface FollowUp {
  dueAt: string;
  answeredAt?: string;
  note?: string;
  answeredBy?: string;
}

export interface EvaluationRecord {
  pk: string;
  sk: 'EVAL';
  id: string;
  applicationId: string;
  serviceId: string;
  leadDepartment: string;
  ownerSub: string;
  submittedAs: ApplicantRole;
  level: number;
  dimensions?: Partial<Record<Dimension, number>>;
  comment?: string;
  createdAt: string;
  walkthrough: boolean;
  /** sha256 of the canonical request: the same request after a crash replays, another one is 409. */
  requestHash: string;
  followUp?: FollowUp;
  gsi1pk: string;
  gsi1sk: string;
  gsi4pk?: string;
  gsi4sk?: string;
}

/** What `GET /v1/evaluations` shows (HTTP-API.md): no owner, no request hash. */
export interface EvaluationView {
  id: string;
  applicationId: string;
  serviceId: string;
  level: number;
  dimensions?: Partial<Record<Dimension, number>>;
  comment?: string;
  createdAt: string;
  walkthrough: boolean;
  followUp?: FollowUp & { overdue: boolean };
}
