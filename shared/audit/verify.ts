/**
 * `verify`: recomputes chains and compares them with the sealed anchors.
 * Inside a chain (chain.ts `verifyChain`): an edited event (`hash-mismatch`), a deleted,
 * inserted or reordered one (`seq-gap`, `prev-hash-mismatch`). Against the anchors: a chain
 * shorter than its sealed head (`cut-short`), a chain gone (`chain-deleted`), a chain whose
 * sealed event now has another hash (`differs-from-anchor`: edited and recomputed). The
 * anchors themselves are checked too (`anchor-*`, reported with applicationId `*`).
 */
import { QueryCommand, type DocumentStore } from '../aws/document-store';
import { verifyChain, type ChainLink } from './chain';
import { replayAnchors, type AnchorStore, type ChainHead } from './anchors';
import { utcDaysCovering, type Period } from './period';

export interface Broken {
  applicationId: string;
  seq?: number;
  reason: string;
}

export interface Verification {
  ok: boolean;
  /** Events checked (sealed heads of deleted chains count as nothing checked). */
  checked: number;
  chains: number;
  broken: Broken[];
}

interface Deps {
  ddb: DocumentStore;
  tableName: string;
  anchors: AnchorStore;
}

export async function readChain(deps: Pick<Deps, 'ddb' | 'tableName'>, applicationId: string): Promise<ChainLink[]> {
  const out: ChainLink[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await deps.ddb.send(
      new QueryCommand({
        TableName: deps.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `APP#${applicationId}` },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    // The table's key attributes are not part of the hashed event (store.ts `strip`).
    for (const { pk: _p, sk: _s, gsi1pk: _g, gsi1sk: _h, ...event } of page.Items ?? []) out.push(event as ChainLink);
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** Applications with any event in the period (the by-day index). */
const applicationsIn = (deps: Deps, period: Period) => applicationsBetween(deps, period.startAt, period.endAt);

/** Applications with any event at `startAt <= at <= endAt` (the by-day index). */
export async function applicationsBetween(deps: Pick<Deps, 'ddb' | 'tableName'>, startAt: string, endAt: string): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const day of utcDaysCovering(startAt, endAt)) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await deps.ddb.send(
        new QueryCommand({
          TableName: deps.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :d AND gsi1sk BETWEEN :a AND :b',
          ExpressionAttributeValues: { ':d': `DAY#${day}`, ':a': startAt, ':b': endAt },
          ProjectionExpression: 'applicationId',
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) ids.add(String(item.applicationId));
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return ids;
}

const inPeriod = (h: ChainHead, p: Period) =>
  (h.firstAt >= p.startAt && h.firstAt < p.endAt) || (h.headAt >= p.startAt && h.headAt < p.endAt);

/** One chain against itself and its sealed head. */
export function checkChain(applicationId: string, chain: readonly ChainLink[], sealed: ChainHead | undefined): Broken[] {
  const broken: Broken[] = [];
  const own = verifyChain(chain);
  if (!own.ok && own.firstBrokenAt) broken.push({ applicationId, seq: own.firstBrokenAt.seq, reason: own.firstBrokenAt.reason });
  if (sealed) {
    if (chain.length === 0) broken.push({ applicationId, seq: sealed.seq, reason: 'chain-deleted' });
    else {
      const atSeal = chain.find((e) => e.seq === sealed.seq);
      if (!atSeal) broken.push({ applicationId, seq: sealed.seq, reason: 'cut-short' });
      else if (atSeal.hash !== sealed.hash) broken.push({ applicationId, seq: sealed.seq, reason: 'differs-from-anchor' });
    }
  }
  return broken;
}

/** A finding with the CST-period anchor of its chain: the `at` of its first event, when known. */
export interface Finding extends Broken {
  firstAt?: string;
}

/** The findings of `verify` with the first instant of each chain (stored findings are listed by it). */
export const findingsOf = (v: Verification & { firstAt: ReadonlyMap<string, string> }): Finding[] =>
  v.broken.map((b) => {
    const firstAt = v.firstAt.get(b.applicationId);
    return firstAt !== undefined ? { ...b, firstAt } : b;
  });

/** The chain's first instant: its first stored event, else its sealed head's (a chain deleted whole). */
export function firstAtOf(chain: readonly ChainLink[], sealed: ChainHead | undefined): string | undefined {
  // Stored events carry `at` (TimingEvent); the chain check itself needs only the links.
  const at: unknown = chain.length > 0 ? (chain[0] as unknown as Record<string, unknown>).at : undefined;
  return typeof at === 'string' ? at : sealed?.firstAt;
}

export async function verify(
  deps: Deps,
  target: { applicationId: string } | { period: Period },
): Promise<Verification & { firstAt: Map<string, string> }> {
  const { heads, problems } = replayAnchors(await deps.anchors.list());
  const broken: Broken[] = problems.map((p) => ({ applicationId: '*', seq: p.seq, reason: p.reason }));
  let ids: Set<string>;
  if ('applicationId' in target) ids = new Set([target.applicationId]);
  else {
    ids = await applicationsIn(deps, target.period);
    for (const h of heads.values()) if (inPeriod(h, target.period)) ids.add(h.applicationId);
  }
  let checked = 0;
  const firstAt = new Map<string, string>();
  for (const id of [...ids].sort()) {
    const chain = await readChain(deps, id);
    checked += chain.length;
    const found = checkChain(id, chain, heads.get(id));
    const first = firstAtOf(chain, heads.get(id));
    if (found.length > 0 && first !== undefined) firstAt.set(id, first);
    broken.push(...found);
  }
  return { ok: broken.length === 0, checked, chains: ids.size, broken, firstAt };
}
