/**
 * The timing-log events of a 12345 event, one builder per step of the loop. They follow the
 * shared contract (`submitted`, `branch-opened`, `decided`, `completed` as for applications)
 * so that the inspector's report counts events with the same definitions, plus the loop's
 * own types (`dispatched`, `accepted`, `returned`, `replied`, `rated`). Keys make every step
 * idempotent: a department is dispatched to at most once per event (a return moves on).
 */
import type { TimingEventInput } from '../audit/types';
import type { EventRecord } from './records';

type Base = Pick<EventRecord, 'serviceId' | 'walkthrough'>;
const SYSTEM = { role: 'system' } as const;
const officer = (sub: string) => ({ role: 'officer', sub });
const common = (e: Base) => ({ serviceId: e.serviceId, walkthrough: e.walkthrough });

export const eventTiming = {
  submitted: (e: Base & Pick<EventRecord, 'ownerSub' | 'channel' | 'category' | 'location' | 'photos'>): TimingEventInput => ({
    ...common(e),
    key: 'submitted',
    type: 'submitted',
    actor: { role: 'citizen', sub: e.ownerSub },
    detail: {
      kind: 'event',
      channel: e.channel,
      category: e.category,
      street: e.location.street,
      // How many photos came with the report (the bytes stay in the bucket).
      ...(e.photos?.length ? { photos: e.photos.length } : {}),
    },
  }),
  /** `dispatched` (the loop's) and `branch-opened` (the shared contract's) for the same dispatch. */
  dispatched: (e: Base, department: string, acceptDueAt: string, round: number): TimingEventInput[] => [
    { ...common(e), key: `dispatched:${department}`, type: 'dispatched', actor: SYSTEM, department, dueAt: acceptDueAt, detail: { round } },
    { ...common(e), key: `opened:${department}`, type: 'branch-opened', actor: SYSTEM, department, dueAt: acceptDueAt },
  ],
  accepted: (e: Base, department: string, by: string, handleDueAt: string, workingMinutes: number): TimingEventInput => ({
    ...common(e),
    key: `accepted:${department}`,
    type: 'accepted',
    actor: officer(by),
    department,
    dueAt: handleDueAt,
    detail: { workingMinutes },
  }),
  /** `returned` and the branch's `cancelled`: the department is done with it without a decision. */
  returned: (e: Base, department: string, by: string, reason: string, returns: number): TimingEventInput[] => [
    { ...common(e), key: `returned:${department}`, type: 'returned', actor: officer(by), department, detail: { reason, returns } },
    { ...common(e), key: `cancelled:${department}`, type: 'cancelled', actor: SYSTEM, department, detail: { reason: 'returned' } },
  ],
  /** `replied` and the shared `decided` (approve: handled), then `completed` (outcome approved). */
  handled: (e: Base, department: string, by: string, handleDueAt: string, workingDaysUsed: number): TimingEventInput[] => [
    { ...common(e), key: `replied:${department}`, type: 'replied', actor: officer(by), department },
    {
      ...common(e),
      key: `decided:${department}`,
      type: 'decided',
      actor: officer(by),
      department,
      dueAt: handleDueAt,
      workingDaysUsed,
      detail: { decision: 'approve' },
    },
    { ...common(e), key: 'completed', type: 'completed', actor: SYSTEM, detail: { outcome: 'approved' } },
  ],
  overdue: (e: Base, department: string, stage: 'acceptance' | 'reply', dueAt: string): TimingEventInput => ({
    ...common(e),
    key: `overdue:${stage}:${department}`,
    type: 'overdue',
    actor: SYSTEM,
    department,
    dueAt,
    detail: { stage },
  }),
  rated: (e: Base & Pick<EventRecord, 'ownerSub'>, level: number): TimingEventInput => ({
    ...common(e),
    key: 'rated',
    type: 'rated',
    actor: { role: 'citizen', sub: e.ownerSub },
    detail: { level },
  }),
};
