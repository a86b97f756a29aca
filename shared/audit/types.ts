/** The timing log's event shapes (docs/DESIGN.md "Audit table"). */
export const EVENT_TYPES = [
  'submitted',
  'branch-opened',
  'warned',
  'overdue',
  'escalated',
  'supplement-requested',
  'supplement-provided',
  'due-moved',
  'decided',
  'cancelled',
  'completed',
  'withdrawn',
  'supplement-expired',
  'failed',
  // Walk-throughs (issue 11, shared/walkthroughs): a finding on the walk-through's application and its rectification.
  'finding-recorded',
  'finding-rectified',
  // 好差评 (issue 12): the applicant's evaluation and the lead department's follow-up of a bad review.
  'evaluated',
  'followed-up',
  // 12345 events (issue 10): the loop's own steps, next to the shared submitted/branch-opened/decided/completed.
  'dispatched',
  'accepted',
  'returned',
  'replied',
  'rated',
] as const;
export type TimingEventType = (typeof EVENT_TYPES)[number];

/** Who caused an event; `system` for the state machine's own steps. */
export interface Actor {
  role: string;
  sub?: string;
}

/** What a caller appends; the store adds the sequence, time, ids and hashes. */
export interface TimingEventInput {
  /** Idempotency key of the logical event (e.g. `opened:education`): a retried step never duplicates. */
  key: string;
  type: TimingEventType;
  actor: Actor;
  serviceId: string;
  walkthrough: boolean;
  department?: string;
  /** The branch's due date at the time of the event. */
  dueAt?: string;
  workingDaysUsed?: number;
  /** Context for inspectors; personal data in it is masked before it is stored. */
  detail?: Record<string, unknown>;
}

/** A stored event, as hashed: `hash = hashEvent(event without hash, prevHash)`. */
export interface TimingEvent extends TimingEventInput {
  applicationId: string;
  eventId: string;
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
}
