/**
 * The mark of a 12345 event stored but whose execution may not be started (docs/DESIGN.md
 * "Crash consistency", "12345 events"). It lives in the same sparse index `gsi4` as the
 * applications' marks (`shared/applications/pending.ts`) under its own partition, so the
 * reconcile pass finds both with one Query each and reads nothing else.
 */
import type { EventRecord } from './records';

export const EVENT_START_PK = 'PENDING#event-start';

/** Set by the event's own put; removed once StartExecution answered (or the name exists). */
export const eventStartMark = (e: Pick<EventRecord, 'id' | 'submittedAt'>) => ({
  gsi4pk: EVENT_START_PK,
  gsi4sk: `${e.submittedAt}#${e.id}`,
});
