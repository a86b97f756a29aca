/**
 * The scheduled tamper check (issue 8; docs/DESIGN.md "Inspectors: stored tamper findings"),
 * run by the anchor job right before it seals, so tampering is found without anyone asking:
 *
 * 1. every chain with an event since the last anchor's cutoff is re-hashed whole (what is about
 *    to be sealed, and anything appended or inserted since);
 * 2. every OTHER sealed chain is checked against its sealed head with one read of the event at
 *    the sealed seq: a chain deleted whole, cut short, or edited and recomputed (the head's hash
 *    changed) is found at the next run; at most `headsPerRun` of them per run, in id order from a
 *    cursor, so a many-year site's run stays inside the seal function's timeout (below that
 *    many sealed chains, every head is read on every run);
 * 3. a rolling sweep re-hashes the next `sweepChains` sealed chains in application-id order
 *    (cursor in the main table), so an old event edited WITHOUT recomputing is found within one
 *    full sweep;
 * then the findings are recorded (tamper-findings.ts), the two cursors move, and the anchor is
 * sealed. A crash before the cursors move repeats the same work; nothing found is lost.
 */
import { GetCommand, PutCommand, QueryCommand, type DocumentStore } from '../aws/document-store';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Clock } from '../clock';
import { ANCHOR_EPOCH, replayAnchors, sealAnchor, type Anchor, type AnchorStore, type ChainHead } from './anchors';
import { tamperMetricLine } from './tamper-metric';
import { recordFindings, TAMPER_PREFIX } from './tamper-findings';
import { applicationsBetween, checkChain, firstAtOf, readChain, type Broken, type Finding } from './verify';

/** Chains re-hashed whole by each run's sweep (besides the changed ones). */
export const SWEEP_CHAINS = 2000;
/**
 * Sealed heads read per run (step 2). ~110k chains make a city's year: 50,000 single-key Queries
 * at 8 in flight take about a minute on DynamoDB, inside the seal function's 5 minutes.
 */
export const HEADS_PER_RUN = 50_000;
const SWEEP_KEY = { pk: TAMPER_PREFIX, sk: '~SWEEP' };
const seqKey = (seq: number) => String(seq).padStart(10, '0');

export interface TamperCheckDeps {
  ddb: DocumentStore;
  clock: Clock;
  /** The audit table (the log). */
  auditTableName: string;
  /** The main table (findings and the sweep cursor). */
  tableName: string;
  anchors: AnchorStore;
}

export interface TamperCheck {
  findings: Finding[];
  /** Events re-hashed, chains re-hashed whole, sealed heads checked by one read. */
  rehashedEvents: number;
  rehashedChains: number;
  headsChecked: number;
  /** Where the sweep stops this run ('' = it went round: the next run starts over). */
  sweepNext: string;
  /** Where the heads check stops this run ('' = it read every head up to the last: the next run starts over). */
  headsNext: string;
}

/** Runs `work` over `items` with at most `width` in flight. */
async function eachLimited<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}

/** One sealed head against the stored event at its seq (one read; a second only if it is gone). */
async function checkHead(deps: TamperCheckDeps, head: ChainHead): Promise<Broken[]> {
  // A Query of one key: the inspectors' grant on the log is Query only (audit:inspect).
  const got = await deps.ddb.send(
    new QueryCommand({
      TableName: deps.auditTableName,
      KeyConditionExpression: 'pk = :pk AND sk = :sk',
      ExpressionAttributeValues: { ':pk': `APP#${head.applicationId}`, ':sk': seqKey(head.seq) },
      ProjectionExpression: '#h',
      ExpressionAttributeNames: { '#h': 'hash' },
      ConsistentRead: true,
    }),
  );
  const item = got.Items?.[0];
  if (item) return item.hash === head.hash ? [] : [{ applicationId: head.applicationId, seq: head.seq, reason: 'differs-from-anchor' }];
  const rest = await deps.ddb.send(
    new QueryCommand({
      TableName: deps.auditTableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `APP#${head.applicationId}` },
      ProjectionExpression: 'seq',
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  // Which seq a cut chain now ends at is for `verify` to detect in full; the head check names the sealed one.
  return [{ applicationId: head.applicationId, seq: head.seq, reason: (rest.Items ?? []).length === 0 ? 'chain-deleted' : 'cut-short' }];
}

/** Steps 1-3 of the header; writes nothing. */
export async function checkForTamper(
  deps: TamperCheckDeps,
  opts: { sweepChains?: number; headsPerRun?: number; parallel?: number } = {},
): Promise<TamperCheck> {
  const parallel = opts.parallel ?? 8;
  const { heads, problems, last } = replayAnchors(await deps.anchors.list());
  const findings: Finding[] = problems.map((p) => ({ applicationId: '*', seq: p.seq, reason: p.reason }));
  const log = { ddb: deps.ddb, tableName: deps.auditTableName };
  const changed = await applicationsBetween(log, last?.cutoff ?? ANCHOR_EPOCH, deps.clock.now().toISOString());
  // The sweep: the next sealed chains after the cursor, in id order, wrapping round.
  const cursor = await deps.ddb.send(new GetCommand({ TableName: deps.tableName, Key: SWEEP_KEY, ConsistentRead: true }));
  const after = typeof cursor.Item?.after === 'string' ? cursor.Item.after : '';
  const sealed = [...heads.keys()].sort();
  const slice = sealed.filter((id) => id > after).slice(0, opts.sweepChains ?? SWEEP_CHAINS);
  const sweepNext = slice.length > 0 && slice.at(-1)! < sealed.at(-1)! ? slice.at(-1)! : '';
  const whole = new Set([...changed, ...slice]);
  let rehashedEvents = 0;
  await eachLimited([...whole], parallel, async (id) => {
    const chain = await readChain(log, id);
    rehashedEvents += chain.length;
    const firstAt = firstAtOf(chain, heads.get(id));
    for (const b of checkChain(id, chain, heads.get(id))) findings.push(firstAt !== undefined ? { ...b, firstAt } : b);
  });
  // The heads check: the next `headsPerRun` other sealed chains after its own cursor, in id order.
  const headsAfter = typeof cursor.Item?.headsAfter === 'string' ? cursor.Item.headsAfter : '';
  const otherIds = sealed.filter((id) => !whole.has(id));
  const headSlice = otherIds.filter((id) => id > headsAfter).slice(0, opts.headsPerRun ?? HEADS_PER_RUN);
  const headsNext = headSlice.length > 0 && headSlice.at(-1)! < otherIds.at(-1)! ? headSlice.at(-1)! : '';
  const others = headSlice.map((id) => heads.get(id)!);
  await eachLimited(others, parallel, async (head) => {
    for (const b of await checkHead(deps, head)) findings.push({ ...b, firstAt: head.firstAt });
  });
  findings.sort((a, b) => (a.applicationId < b.applicationId ? -1 : a.applicationId > b.applicationId ? 1 : (a.seq ?? 0) - (b.seq ?? 0)));
  return { findings, rehashedEvents, rehashedChains: whole.size, headsChecked: others.length, sweepNext, headsNext };
}

/**
 * The anchor job: check, record what was found (+ the tamper metric and an error log line),
 * move the sweep cursor, then seal. Each step is repeated by the next run if a crash stops it.
 */
export async function checkAndSeal(
  deps: TamperCheckDeps & { logger: Pick<Logger, 'error'>; writeMetric?: (line: string) => void },
  opts: { sweepChains?: number; headsPerRun?: number } = {},
): Promise<{ check: TamperCheck; anchor: Anchor }> {
  const check = await checkForTamper(deps, opts);
  if (check.findings.length > 0) {
    await recordFindings(deps, check.findings, deps.clock.now());
    (deps.writeMetric ?? ((line: string) => void process.stdout.write(`${line}\n`)))(tamperMetricLine(deps.clock, check.findings.length));
    deps.logger.error('timing log tamper found by the scheduled check', { broken: check.findings });
  }
  await deps.ddb.send(
    new PutCommand({ TableName: deps.tableName, Item: { ...SWEEP_KEY, after: check.sweepNext, headsAfter: check.headsNext } }),
  );
  const anchor = await sealAnchor({ ddb: deps.ddb, clock: deps.clock, tableName: deps.auditTableName, store: deps.anchors });
  return { check, anchor };
}
