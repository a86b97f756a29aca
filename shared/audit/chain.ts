/**
 * The timing log's hash chain (pure). Each event's `hash` covers its canonical JSON
 * including `prevHash`, the previous event's hash, so changing, removing or reordering any
 * stored event breaks every later link. The store (`store.ts`) builds on these functions.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, CanonicalJsonError } from './canonical';

/** `prevHash` of the first event (seq 1) of every application's chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The chained fields every event carries. */
export interface ChainLink {
  seq: number;
  prevHash: string;
  hash: string;
}

/**
 * sha256 (lower-case hex) of the canonical JSON of `event` with `prevHash` set and any
 * `hash` property left out. An event already holding a different `prevHash` is refused.
 *
 * @example hashEvent({ seq: 1, type: 'submitted', at: '2026-09-30T02:00:00.000Z' }, GENESIS_HASH)
 */
export function hashEvent(event: object, prevHash: string): string {
  const { hash: _ignored, ...rest } = event as Record<string, unknown>;
  if (rest.prevHash !== undefined && rest.prevHash !== prevHash)
    throw new CanonicalJsonError('$.prevHash', 'differs from the prevHash argument');
  return createHash('sha256')
    .update(canonicalJson({ ...rest, prevHash }), 'utf8')
    .digest('hex');
}

/** Outcome of `verifyChain`: `checked` counts the events verified before the first break. */
export interface ChainVerification {
  ok: boolean;
  checked: number;
  firstBrokenAt?: { seq: number; reason: 'hash-mismatch' | 'prev-hash-mismatch' | 'seq-gap' };
}

/**
 * Verifies one application's whole chain, given sorted by `seq` from 1. For each event, in
 * order: its seq must be the previous one + 1 (a deleted or reordered event), its `prevHash`
 * the previous event's `hash` (a removed or re-linked event), its `hash` the recomputed one
 * (a changed field). An empty chain is ok.
 *
 * @example verifyChain(events) // { ok: true, checked: 12 }
 */
export function verifyChain(events: readonly ChainLink[]): ChainVerification {
  let prevHash = GENESIS_HASH;
  for (const [i, event] of events.entries()) {
    const broken = (reason: NonNullable<ChainVerification['firstBrokenAt']>['reason']): ChainVerification => ({
      ok: false,
      checked: i,
      firstBrokenAt: { seq: event.seq, reason },
    });
    if (event.seq !== i + 1) return broken('seq-gap');
    if (event.prevHash !== prevHash) return broken('prev-hash-mismatch');
    if (!hashMatches(event, prevHash)) return broken('hash-mismatch');
    prevHash = event.hash;
  }
  return { ok: true, checked: events.length };
}

/** A field tampered into something without a JSON form (e.g. a binary) is a mismatch too. */
function hashMatches(event: ChainLink, prevHash: string): boolean {
  try {
    return hashEvent(event, prevHash) === event.hash;
  } catch (err) {
    if (err instanceof CanonicalJsonError) return false;
    throw err;
  }
}
