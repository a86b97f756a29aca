/**
 * Timing-log items of a generated event, chained exactly as `shared/audit/store.ts` appends
 * them (same fields, masking, hash, keys and day index) but with the generated instants, so
 * the seed writes half a year in minutes and the audit verify and reports read it like any
 * other chain (a test checks it against `verifyChain` and `createTimingLog().list`).
 */
import { GENESIS_HASH, hashEvent } from '../../shared/audit/chain';
import type { TimingEvent, TimingEventInput } from '../../shared/audit/types';
import { maskPersonalData } from '../../shared/identity';

const seqKey = (seq: number) => String(seq).padStart(10, '0');

export type StoredTimingItem = TimingEvent & { pk: string; sk: string; gsi1pk: string; gsi1sk: string };

export function chainItems(applicationId: string, timeline: ReadonlyArray<{ at: Date; input: TimingEventInput }>): StoredTimingItem[] {
  let prevHash = GENESIS_HASH;
  return timeline.map(({ at, input }, i) => {
    const seq = i + 1;
    const iso = at.toISOString();
    const unhashed: Omit<TimingEvent, 'hash'> = {
      ...input,
      ...(input.detail ? { detail: maskPersonalData(input.detail) } : {}),
      applicationId,
      eventId: `${applicationId}#${seqKey(seq)}`,
      seq,
      at: iso,
      prevHash,
    };
    const hash = hashEvent(unhashed, prevHash);
    prevHash = hash;
    return {
      ...unhashed,
      hash,
      pk: `APP#${applicationId}`,
      sk: seqKey(seq),
      gsi1pk: `DAY#${iso.slice(0, 10)}`,
      gsi1sk: `${iso}#${applicationId}#${seqKey(seq)}`,
    };
  });
}
