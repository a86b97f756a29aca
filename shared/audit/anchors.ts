/**
 * Anchors: the chain heads sealed at least daily (PRODUCT.md "Tamper evidence").
 *
 * An anchor holds the heads that CHANGED since the previous anchor (application, seq, hash,
 * the chain's first and head instants), a digest over EVERY head known after it (replaying all
 * anchors gives the full set), the previous anchor's hash and its own hash. Deltas keep each
 * anchor small (a day's applications, not the city's history) while the digest still commits
 * to every chain. Anchors go where they cannot be rewritten: locally an append-only file in
 * the data folder, on AWS the Object Lock archive bucket (anchor-store.ts). A chain edited and
 * recomputed afterwards, cut short, or deleted whole then disagrees with its sealed head.
 *
 * The seal covers events with `at` before `cutoff = now - SEAL_MARGIN_MS`, so an append in
 * flight when the seal runs (its `at` taken, its put not yet done) is sealed next time.
 */
import { createHash } from 'node:crypto';
import { QueryCommand, type DocumentStore } from '../aws/document-store';
import type { Clock } from '../clock';
import { canonicalJson } from './canonical';
import { GENESIS_HASH } from './chain';
import { utcDaysCovering } from './period';

export interface ChainHead {
  applicationId: string;
  seq: number;
  hash: string;
  /** `at` of the chain's first event and of its head: which periods the chain belongs to. */
  firstAt: string;
  headAt: string;
}

export interface Anchor {
  seq: number;
  /** When it was sealed, and the instant before which every event is covered. */
  sealedAt: string;
  cutoff: string;
  /** Hash of the previous anchor (GENESIS_HASH for the first). */
  prev: string;
  /** Heads that changed since the previous anchor, by application id. */
  heads: ChainHead[];
  /** Number of chains known after this anchor, and sha256 over all their heads. */
  chains: number;
  headsDigest: string;
  hash: string;
}

export interface AnchorStore {
  /** Every anchor, oldest first. */
  list(): Promise<Anchor[]>;
  /** Writes the next anchor; never replaces one. */
  append(anchor: Anchor): Promise<void>;
  /** Where the anchors are (for the operator's messages). */
  readonly location: string;
}

/** Events appended up to this long after taking their `at` are still sealed by the next run. */
export const SEAL_MARGIN_MS = 5 * 60_000;
/** Where the first anchor starts reading the by-day index: before the platform's first calendar year. */
export const ANCHOR_EPOCH = '2025-01-01T00:00:00.000Z';

/** sha256 over the sorted `<applicationId> <seq> <hash>` lines of every head. */
export function headsDigest(heads: ReadonlyMap<string, ChainHead>): string {
  const hash = createHash('sha256');
  for (const id of [...heads.keys()].sort()) {
    const h = heads.get(id)!;
    hash.update(`${h.applicationId} ${h.seq} ${h.hash}\n`, 'utf8');
  }
  return hash.digest('hex');
}

/** sha256 of the canonical JSON of the anchor without its `hash`. */
export function anchorHash(anchor: Omit<Anchor, 'hash'>): string {
  const { hash: _ignored, ...rest } = anchor as Anchor;
  return createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex');
}

export interface AnchorProblem {
  seq: number;
  reason: 'anchor-hash-mismatch' | 'anchor-link-broken' | 'anchor-seq-gap' | 'anchor-digest-mismatch';
}

/** Replays the anchors: the full head of every sealed chain, and any break in the anchors themselves. */
export function replayAnchors(anchors: readonly Anchor[]): { heads: Map<string, ChainHead>; problems: AnchorProblem[]; last?: Anchor } {
  const heads = new Map<string, ChainHead>();
  const problems: AnchorProblem[] = [];
  let prev = GENESIS_HASH;
  anchors.forEach((a, i) => {
    const { hash, ...rest } = a;
    if (a.seq !== i + 1) problems.push({ seq: a.seq, reason: 'anchor-seq-gap' });
    if (a.prev !== prev) problems.push({ seq: a.seq, reason: 'anchor-link-broken' });
    if (anchorHash(rest) !== hash) problems.push({ seq: a.seq, reason: 'anchor-hash-mismatch' });
    for (const h of a.heads) heads.set(h.applicationId, h);
    if (headsDigest(heads) !== a.headsDigest || heads.size !== a.chains) problems.push({ seq: a.seq, reason: 'anchor-digest-mismatch' });
    prev = hash;
  });
  return { heads, problems, ...(anchors.length > 0 ? { last: anchors.at(-1)! } : {}) };
}

interface IndexedEvent {
  applicationId: string;
  seq: number;
  hash: string;
  at: string;
}

/** Every event with `startAt <= at < endAt`, from the by-day index. */
async function* eventsBetween(ddb: DocumentStore, tableName: string, startAt: string, endAt: string): AsyncGenerator<IndexedEvent> {
  for (const day of utcDaysCovering(startAt, endAt)) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await ddb.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :d AND gsi1sk BETWEEN :a AND :b',
          ExpressionAttributeValues: { ':d': `DAY#${day}`, ':a': startAt, ':b': endAt },
          ProjectionExpression: 'applicationId, seq, #h, #at',
          ExpressionAttributeNames: { '#h': 'hash', '#at': 'at' },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of (page.Items ?? []) as IndexedEvent[]) if (item.at >= startAt && item.at < endAt) yield item;
      start = page.LastEvaluatedKey;
    } while (start);
  }
}

/**
 * Seals the heads of every chain that changed since the last anchor into a new anchor and
 * writes it. Idempotent in effect: a run that finds nothing new still writes an anchor (the
 * daily proof that the log was sealed), chained to the previous.
 */
export async function sealAnchor(deps: { ddb: DocumentStore; clock: Clock; tableName: string; store: AnchorStore }): Promise<Anchor> {
  const { heads, last } = replayAnchors(await deps.store.list());
  const now = deps.clock.now();
  const cutoff = new Date(now.getTime() - SEAL_MARGIN_MS).toISOString();
  const from = last?.cutoff ?? ANCHOR_EPOCH;
  const changed = new Map<string, ChainHead>();
  for await (const e of eventsBetween(deps.ddb, deps.tableName, from, cutoff)) {
    const known = changed.get(e.applicationId) ?? heads.get(e.applicationId);
    if (known && known.seq >= e.seq) {
      if (e.seq === 1) changed.set(e.applicationId, { ...known, firstAt: e.at });
      continue;
    }
    changed.set(e.applicationId, {
      applicationId: e.applicationId,
      seq: e.seq,
      hash: e.hash,
      firstAt: e.seq === 1 ? e.at : (known?.firstAt ?? e.at),
      headAt: e.at,
    });
  }
  for (const h of changed.values()) heads.set(h.applicationId, h);
  const unhashed: Omit<Anchor, 'hash'> = {
    seq: (last?.seq ?? 0) + 1,
    sealedAt: now.toISOString(),
    cutoff: cutoff > from ? cutoff : from,
    prev: last?.hash ?? GENESIS_HASH,
    heads: [...changed.values()].sort((a, b) => (a.applicationId < b.applicationId ? -1 : 1)),
    chains: heads.size,
    headsDigest: headsDigest(heads),
  };
  const anchor: Anchor = { ...unhashed, hash: anchorHash(unhashed) };
  await deps.store.append(anchor);
  return anchor;
}
