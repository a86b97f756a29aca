/**
 * One application's figures, folded from its timing log alone (PRODUCT.md "Supervision"):
 * what the timeliness report and the anomalies are computed from. Pure; the events are one
 * chain, in seq order. Types written by other features (`evaluated`, `followed-up`) are read
 * by name, so they count as soon as they are logged.
 */
export interface LoggedEvent {
  applicationId: string;
  seq: number;
  at: string;
  type: string;
  serviceId: string;
  walkthrough: boolean;
  department?: string;
  actor: { role: string; sub?: string };
  dueAt?: string;
  workingDaysUsed?: number;
  detail?: Record<string, unknown>;
}

export interface BranchFacts {
  department: string;
  /** When the branch FIRST opened. */
  openedAt: string;
  /** The due date in force now (after every suspension). */
  dueAt: string;
  /** The final approve or reject, if any. */
  decision?: { decision: 'approve' | 'reject'; at: string; dueAt: string; workingDaysUsed: number };
  cancelled: boolean;
  /** Waiting for the applicant's supplement: its clock is stopped, so it cannot be overdue now. */
  suspended: boolean;
  supplementRequests: Array<{ at: string; round: number }>;
  /** Every decision (any kind) by a person, for the off-hours check. */
  decisions: Array<{ at: string; decision: string; actorRole: string; probe: boolean; reopenedAt: string }>;
}

export interface EvaluationFacts {
  evaluationId: string;
  level: number;
  at: string;
  followUpDueAt?: string;
  followedUpAt?: string;
}

export interface ApplicationFacts {
  applicationId: string;
  serviceId: string;
  walkthrough: boolean;
  applicant?: string;
  submittedAt: string;
  dueAt?: string;
  outcome: 'in-progress' | 'approved' | 'rejected' | 'withdrawn' | 'failed';
  /** `completed` (approved/rejected), `withdrawn` or `failed` instant. */
  endedAt?: string;
  branches: BranchFacts[];
  evaluations: EvaluationFacts[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Folds one chain; undefined when it has no `submitted` event (nothing to report on). */
export function factsOf(events: readonly LoggedEvent[]): ApplicationFacts | undefined {
  const submitted = events.find((e) => e.type === 'submitted');
  if (!submitted) return undefined;
  const branches = new Map<string, BranchFacts>();
  const evaluations = new Map<string, EvaluationFacts>();
  const facts: ApplicationFacts = {
    applicationId: submitted.applicationId,
    serviceId: submitted.serviceId,
    walkthrough: submitted.walkthrough,
    ...(submitted.actor.sub !== undefined ? { applicant: submitted.actor.sub } : {}),
    submittedAt: submitted.at,
    ...(submitted.dueAt !== undefined ? { dueAt: submitted.dueAt } : {}),
    outcome: 'in-progress',
    branches: [],
    evaluations: [],
  };
  const reopened = new Map<string, string>();
  for (const e of events) {
    const dept = e.department;
    const branch = dept !== undefined ? branches.get(dept) : undefined;
    if (branch && e.dueAt !== undefined && e.type !== 'cancelled') branch.dueAt = e.dueAt;
    switch (e.type) {
      case 'branch-opened':
        if (dept !== undefined && !branch) {
          branches.set(dept, {
            department: dept,
            openedAt: e.at,
            dueAt: e.dueAt ?? e.at,
            cancelled: false,
            suspended: false,
            supplementRequests: [],
            decisions: [],
          });
        }
        if (dept !== undefined) reopened.set(dept, e.at);
        break;
      case 'decided': {
        if (!branch || dept === undefined) break;
        const decision = str(e.detail?.decision) ?? '';
        branch.decisions.push({
          at: e.at,
          decision,
          actorRole: e.actor.role,
          probe: e.detail?.probe === true,
          reopenedAt: reopened.get(dept) ?? branch.openedAt,
        });
        if (decision === 'approve' || decision === 'reject')
          branch.decision = { decision, at: e.at, dueAt: e.dueAt ?? branch.dueAt, workingDaysUsed: e.workingDaysUsed ?? 0 };
        break;
      }
      case 'supplement-requested':
        if (!branch) break;
        branch.suspended = true;
        branch.supplementRequests.push({
          at: e.at,
          round: typeof e.detail?.round === 'number' ? e.detail.round : branch.supplementRequests.length + 1,
        });
        break;
      case 'supplement-provided':
        if (!branch || dept === undefined) break;
        branch.suspended = false;
        reopened.set(dept, e.at);
        break;
      case 'cancelled':
        if (branch) branch.cancelled = true;
        break;
      case 'completed':
        facts.outcome = e.detail?.outcome === 'rejected' ? 'rejected' : 'approved';
        facts.endedAt = e.at;
        break;
      case 'withdrawn':
        facts.outcome = 'withdrawn';
        facts.endedAt = e.at;
        break;
      case 'failed':
        facts.outcome = 'failed';
        facts.endedAt = e.at;
        break;
      case 'evaluated': {
        const id = str(e.detail?.evaluationId);
        const level = e.detail?.level;
        if (id === undefined || typeof level !== 'number') break;
        const followUpDueAt = str(e.detail?.followUpDueAt);
        evaluations.set(id, { evaluationId: id, level, at: e.at, ...(followUpDueAt ? { followUpDueAt } : {}) });
        break;
      }
      case 'followed-up': {
        const ev = evaluations.get(str(e.detail?.evaluationId) ?? '');
        if (ev && ev.followedUpAt === undefined) ev.followedUpAt = e.at;
        break;
      }
      default:
        break;
    }
  }
  facts.branches = [...branches.values()];
  facts.evaluations = [...evaluations.values()];
  // The application's due date: the latest branch due date, after every suspension.
  if (facts.branches.length > 0) facts.dueAt = facts.branches.map((b) => b.dueAt).reduce((a, b) => (a > b ? a : b));
  return facts;
}
