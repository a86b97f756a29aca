import type { LocalizedName } from '../../workflows/types';
import type { ApplicationResult, Decision, MissingItem, OnBehalfOf } from './schemas';
import type { ApplicantRole } from '../names';

/**
 * The items stored in the main table (docs/DESIGN.md "Data model"). They never leave the
 * service as is: `views.ts` whitelists fields into the API shapes.
 */
/** How a walk-through's branches are decided: by real officers (`live`) or by the system as they open (`probe`). */
export type WalkthroughMode = 'live' | 'probe';

export type StoredApplicationStatus = 'submitted' | 'approved' | 'rejected' | 'withdrawn' | 'failed';
export type TaskStatus = 'open' | 'supplement-required' | 'approved' | 'rejected' | 'cancelled';

export interface StoredMaterial {
  materialId: string;
  key: string;
  sizeBytes: number;
  contentType: string;
  sha256: string;
}

export interface StoredCheck {
  id: string;
  name: LocalizedName;
  passed: boolean;
  summary: LocalizedName;
  detail: Record<string, unknown>;
}

export interface ApplicationRecord {
  pk: string;
  sk: 'APP';
  id: string;
  serviceId: string;
  serviceVersion: number;
  ownerSub: string;
  submittedAs: ApplicantRole;
  onBehalfOf?: OnBehalfOf;
  status: StoredApplicationStatus;
  submittedAt: string;
  /** Latest planned due date of the branches at submission; the tasks' own dates win once open. */
  dueAt: string;
  completedAt?: string;
  walkthrough: boolean;
  /** Walk-throughs only (shared/walkthroughs): `probe` branches are approved by the system as they open. */
  walkthroughMode?: WalkthroughMode;
  /** Walk-throughs only: the role that started it (official, inspector, or `system` for a scheduled probe). */
  walkthroughRole?: string;
  form: Record<string, unknown>;
  materials: StoredMaterial[];
  checks: StoredCheck[];
  /** sha256 of the canonical request: same Idempotency-Key + different body -> 422. */
  requestHash: string;
  result?: ApplicationResult;
  gsi1pk: string;
  gsi1sk: string;
  gsi2pk: string;
  gsi2sk: string;
  /** Walk-throughs only: `WALKS`, `<submittedAt>#<id>` (the list of walk-throughs, newest first). */
  gsi3pk?: string;
  gsi3sk?: string;
  /** Sparse index of unfinished work (`pending.ts`): set while the execution may not be started. */
  gsi4pk?: string;
  gsi4sk?: string;
}

export interface StoredSupplementRequest {
  requestedAt: string;
  missing: MissingItem[];
  comment?: string;
  /** The officer who asked: rebuilds the request's `decided` event once the decision is replaced. */
  requestedBy?: string;
  providedAt?: string;
  note?: string;
  /** What the answer changed (ids and top-level field names only) and the due date it replaced. */
  materials?: string[];
  fields?: string[];
  dueBefore?: string;
  /** Who answered (the applicant or their proxy). */
  providedBy?: { role: string; sub: string };
  /** sha256 of the answer's request body: the same answer again replays, another one is 409. */
  requestHash?: string;
}

export interface TaskRecord {
  pk: string;
  sk: string;
  taskId: string;
  applicationId: string;
  serviceId: string;
  serviceVersion: number;
  department: string;
  walkthrough: boolean;
  /**
   * The application's owner, copied when the task opens so that a decision's notification is
   * addressed without reading the application (absent on tasks opened before it was stored).
   */
  ownerSub?: string;
  /** A probe's branch: decided by the system actor in the write that opened it (never an officer's action). */
  probe?: boolean;
  status: TaskStatus;
  openedAt: string;
  dueAt: string;
  warnAt: string;
  overdue: boolean;
  /** The current task token of the branch's wait; never returned by the API. */
  token: string;
  tokenKind: 'decision' | 'supplement';
  decision?: Decision;
  decidedAt?: string;
  decidedBy?: string;
  comment?: string;
  /** What the approval hands forward (declared in DepartmentSpec.results), and the log's copy, personal values masked. */
  results?: Record<string, string>;
  loggedResults?: Record<string, string>;
  supplementRequests: StoredSupplementRequest[];
  cancelledBecause?: string;
  gsi3pk: string;
  gsi3sk: string;
  /** Sparse index of unfinished work (`pending.ts`): set while a recorded result may be undelivered. */
  gsi4pk?: string;
  gsi4sk?: string;
}

export const TERMINAL: ReadonlySet<StoredApplicationStatus> = new Set(['approved', 'rejected', 'withdrawn', 'failed']);

/** The suspensions of a branch's clock: every supplement request that was answered. */
export const suspensionsOf = (task: Pick<TaskRecord, 'supplementRequests'>) =>
  task.supplementRequests
    .filter((r): r is StoredSupplementRequest & { providedAt: string } => r.providedAt !== undefined)
    .map((r) => ({ from: new Date(r.requestedAt), to: new Date(r.providedAt) }));
