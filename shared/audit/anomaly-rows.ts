/**
 * The anomaly index (issue 8 "Scale"; docs/DESIGN.md "Inspectors: anomaly index"): one item per
 * anomaly, twice (all kinds, and its kind), in the main table, in the order of the list:
 *
 *   pk=AUDITFACTS#ANOMS#<all|kind>#<CST month of the anomaly's at>   sk=anomalyKey (at first)
 *   pk=AUDITFACTS#ENDED#<applicant>#<service>   sk=<endedAt>#<appId>   withdrawn/rejected applications
 *
 * An anomaly that went away is overwritten by a tombstone (`gone`), never deleted: the platform
 * grants no DeleteItem.
 *
 * so a page over a year reads the items it returns (plus what its filters skip) and the live
 * tail. Built by the rollup step from the same chains as the fact and day rows: for every
 * application touched in [from, upTo), the anomalies of `factsOf(chain < from)` (what the index
 * holds for it, by induction: every completed step left exactly the anomalies of its chain
 * before the watermark) are replaced by those of `factsOf(chain < upTo)`. Steps are replayed
 * with the same bounds after a crash (the watermark's `pending`), so the replacement is
 * idempotent. Anomalies that depend on `now` (an open branch overdue, a bad review not followed
 * up) are stored with `cond`: they are listed only once `at < now`, which is exactly their
 * condition. `resubmission` is decided once, when the application's `submitted` event is rolled
 * up, from the applicant's ended applications (which never change once ended).
 *
 * CONSISTENCY RULE (the list): read the watermark W; items of applications with an event at or
 * after W (the live tail) are skipped and their anomalies computed from their whole chains; the
 * other items are exactly their applications' anomalies.
 */
import { PutCommand, QueryCommand, type DocumentStore, type QueryCommandOutput } from '../aws/document-store';
import type { WorkingCalendar } from '../calendar';
import { anomaliesOf, anomalyKey, type Anomaly, type AnomalyKind, type AnomalyThresholds } from './anomalies';
import type { ApplicationFacts, LoggedEvent } from './facts';
import { factsBefore } from './day-rows';
import { FACTS_PREFIX } from './facts-keys';
import { cstDateOf, cstMonthsFrom, type Period } from './period';
import { readMonthPages } from './month-pages';

/** Under the fact rows' prefix: the same least-privilege grants (`AUDITFACTS*`) cover them. */
export const ANOMALIES_PREFIX = `${FACTS_PREFIX}#ANOMS`;
const ENDED_PREFIX = `${FACTS_PREFIX}#ENDED`;
/** Evaluates every `now`-dependent anomaly as due: the index stores them with `cond`. */
const FAR_FUTURE = new Date('9999-12-31T23:59:59.999Z');

export interface AnomalyRowsDeps {
  ddb: DocumentStore;
  tableName: string;
  calendar: Pick<WorkingCalendar, 'isWorkingDay' | 'workingDaysUsed'>;
  thresholds: AnomalyThresholds;
  /** The index generation written or read (stored with the watermark; 0 before any rebuild). */
  gen?: number;
}

/**
 * The partition of `kind` ('all' = every kind the rollup indexes) in a CST month. Each rebuild
 * for new thresholds writes a new generation into fresh partitions (`#g<n>`), so it never has to
 * tombstone what the old thresholds produced; generation 0 keeps the original names, so data
 * folders built before thresholds were configurable keep working.
 */
export const anomalyPartition = (gen: number, kind: AnomalyKind | 'all', month: string): string =>
  gen === 0 ? `${ANOMALIES_PREFIX}#${kind}#${month}` : `${ANOMALIES_PREFIX}#g${gen}#${kind}#${month}`;

type Item = Record<string, unknown> & { pk: string; sk: string };

const isConditional = (a: Anomaly) => a.kind === 'bad-review-unanswered' || (a.kind === 'overdue' && a.detail.open === true);
const monthOf = (at: string) => cstDateOf(at).slice(0, 7);

function itemsOf(a: Anomaly, app: ApplicationFacts, gen: number): Item[] {
  const body = {
    sk: anomalyKey(a),
    anomaly: JSON.stringify(a),
    app: a.applicationId,
    at: a.at,
    sd: cstDateOf(app.submittedAt),
    w: app.walkthrough,
    cond: isConditional(a),
    ...(a.department !== undefined ? { dept: a.department } : {}),
  };
  return [
    { pk: anomalyPartition(gen, 'all', monthOf(a.at)), ...body },
    { pk: anomalyPartition(gen, a.kind, monthOf(a.at)), ...body },
  ];
}

/** Every anomaly of one application but `resubmission` (which needs the applicant's history). */
const ownAnomalies = (deps: AnomalyRowsDeps, f: ApplicationFacts | undefined) =>
  f ? anomaliesOf([f], [], deps.calendar, FAR_FUTURE, deps.thresholds) : [];

interface Ended {
  applicationId: string;
  applicant?: string;
  serviceId?: string;
  outcome: string;
  endedAt: string;
  walkthrough: boolean;
}

const endedPartition = (applicant: string, serviceId: string) => `${ENDED_PREFIX}#${applicant}#${serviceId}`;

/**
 * The `resubmission` anomaly of `x`, if any: the latest withdrawn or rejected application of
 * the same applicant and service that ended at most `resubmissionWorkingDays` before `x` was
 * submitted (a walk-through never makes a real application a resubmission).
 */
export async function resubmissionOf(
  deps: AnomalyRowsDeps,
  x: ApplicationFacts,
  alsoEnded: readonly Ended[] = [],
): Promise<Anomaly | undefined> {
  if (x.applicant === undefined) return undefined;
  const rows: Ended[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page: QueryCommandOutput = await deps.ddb.send(
      new QueryCommand({
        TableName: deps.tableName,
        KeyConditionExpression: 'pk = :pk AND sk <= :upTo',
        ExpressionAttributeValues: { ':pk': endedPartition(x.applicant, x.serviceId), ':upTo': `${x.submittedAt}#~` },
        ExclusiveStartKey: start,
      }),
    );
    for (const i of page.Items ?? [])
      rows.push({ applicationId: i.app as string, outcome: i.outcome as string, endedAt: i.endedAt as string, walkthrough: i.w === true });
    start = page.LastEvaluatedKey;
  } while (start);
  const sameApplicant = alsoEnded.filter((h) => h.applicant === x.applicant && h.serviceId === x.serviceId);
  const previous = [...rows, ...sameApplicant]
    .filter(
      (h) =>
        h.applicationId !== x.applicationId &&
        (x.walkthrough || !h.walkthrough) &&
        h.endedAt <= x.submittedAt &&
        deps.calendar.workingDaysUsed(new Date(h.endedAt), new Date(x.submittedAt)) <= deps.thresholds.resubmissionWorkingDays,
    )
    .sort((a, b) => (a.endedAt < b.endedAt ? 1 : -1))[0];
  return previous
    ? {
        kind: 'resubmission',
        applicationId: x.applicationId,
        at: x.submittedAt,
        detail: { previous: previous.applicationId, previousOutcome: previous.outcome, previousEndedAt: previous.endedAt },
      }
    : undefined;
}

/** An ended application as the resubmission check reads it (undefined if not withdrawn or rejected). */
export const endedOf = (f: ApplicationFacts): Ended | undefined =>
  (f.outcome === 'withdrawn' || f.outcome === 'rejected') && f.endedAt !== undefined && f.applicant !== undefined
    ? {
        applicationId: f.applicationId,
        applicant: f.applicant,
        serviceId: f.serviceId,
        outcome: f.outcome,
        endedAt: f.endedAt,
        walkthrough: f.walkthrough,
      }
    : undefined;

/**
 * PutItem only, `parallel` in flight: the platform grants no DeleteItem nor BatchWriteItem
 * (test/synth iam.test.ts), so an anomaly that went away is overwritten by a tombstone
 * (`gone`), which lists filter out and a later put of the same anomaly replaces.
 */
async function putAll(deps: AnomalyRowsDeps, items: ReadonlyArray<Record<string, unknown>>, parallel: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await deps.ddb.send(new PutCommand({ TableName: deps.tableName, Item: items[next++] }));
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, lane));
}

/** One rollup step's part (see the header): ended rows first, then the anomaly items. */
export async function rollUpAnomalyRows(
  deps: AnomalyRowsDeps,
  chains: ReadonlyMap<string, readonly LoggedEvent[]>,
  from: string,
  upTo: string,
  parallel = 8,
): Promise<void> {
  const folds = [...chains.values()].map((chain) => ({ before: factsBefore(chain, from), now: factsBefore(chain, upTo) }));
  const ended = folds.flatMap(({ now }) => {
    const e = now ? endedOf(now) : undefined;
    return e && e.endedAt >= from
      ? [
          {
            pk: endedPartition(now!.applicant!, now!.serviceId),
            sk: `${e.endedAt}#${e.applicationId}`,
            app: e.applicationId,
            outcome: e.outcome,
            endedAt: e.endedAt,
            w: e.walkthrough,
          },
        ]
      : [];
  });
  await putAll(deps, ended, parallel);
  const writes: Array<Record<string, unknown>> = [];
  let next = 0;
  const lane = async () => {
    while (next < folds.length) {
      const { before, now } = folds[next++]!;
      if (!now) continue;
      const old = new Map(ownAnomalies(deps, before).map((a) => [anomalyKey(a), a]));
      const fresh = ownAnomalies(deps, now);
      // Decided once, in the step that rolls the `submitted` event up.
      if (!before) {
        const r = await resubmissionOf(deps, now);
        if (r) fresh.push(r);
      }
      const keep = new Set(fresh.map(anomalyKey));
      for (const [k, a] of old)
        if (!keep.has(k)) for (const item of itemsOf(a, now, deps.gen ?? 0)) writes.push({ pk: item.pk, sk: item.sk, gone: true });
      for (const a of fresh) {
        const was = old.get(anomalyKey(a));
        if (was && JSON.stringify(was) === JSON.stringify(a)) continue;
        writes.push(...itemsOf(a, now, deps.gen ?? 0));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, folds.length) }, lane));
  await putAll(deps, writes, parallel);
}

export interface AnomalyPageQuery {
  kind?: AnomalyKind;
  department?: string;
  includeTests: boolean;
  limit: number;
  /** anomalyKey of the last item of the previous page. */
  after?: string;
}

/**
 * The index items after `q.after` in list order, `q.limit + 1` at most, skipping the
 * applications of `skip` (the live tail), by month partitions until filled.
 */
export async function indexedPage(
  deps: Pick<AnomalyRowsDeps, 'ddb' | 'tableName' | 'gen'>,
  period: Period,
  q: AnomalyPageQuery,
  now: Date,
  skip: ReadonlySet<string>,
): Promise<Anomaly[]> {
  const names: Record<string, string> = { '#sd': 'sd', '#cond': 'cond', '#at': 'at', '#gone': 'gone' };
  const values: Record<string, unknown> = { ':from': period.from, ':to': period.to, ':now': now.toISOString(), ':no': false };
  const filter = ['attribute_not_exists(#gone)', '#sd BETWEEN :from AND :to', '(#cond = :no OR #at < :now)'];
  if (!q.includeTests) {
    names['#w'] = 'w';
    filter.push('#w = :no');
  }
  if (q.department !== undefined) {
    names['#dept'] = 'dept';
    values[':dept'] = q.department;
    filter.push('#dept = :dept');
  }
  return readMonthPages(deps, {
    // An anomaly is never before its application's submission: months from the period's first.
    partitions: cstMonthsFrom(period, now).map((month) => anomalyPartition(deps.gen ?? 0, q.kind ?? 'all', month)),
    ...(q.after !== undefined ? { after: q.after } : {}),
    limit: q.limit,
    filter: { expression: filter.join(' AND '), names, values },
    skipApps: skip,
  });
}

/**
 * A rebuild for new thresholds, one CST submission month of fact rows: every application's
 * anomalies as of the watermark `upTo` into generation `deps.gen`. A row is `factsOf` its whole
 * chain when the rollup last saw it, i.e. its chain before `upTo`, except for the applications
 * with an event at or after `upTo` (`tail`, whose chains are given): those are folded before
 * `upTo` here, exactly what a rollup step would have left for them.
 */
export async function rebuildAnomalyMonth(
  deps: AnomalyRowsDeps,
  factsPartition: string,
  tail: ReadonlyMap<string, readonly LoggedEvent[]>,
  upTo: string,
  parallel = 8,
): Promise<number> {
  const writes: Array<Record<string, unknown>> = [];
  let start: Record<string, unknown> | undefined;
  let applications = 0;
  do {
    const page: QueryCommandOutput = await deps.ddb.send(
      new QueryCommand({
        TableName: deps.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': factsPartition },
        ProjectionExpression: 'facts',
        ExclusiveStartKey: start,
      }),
    );
    for (const row of page.Items ?? []) {
      const stored = JSON.parse(row.facts as string) as ApplicationFacts;
      const chain = tail.get(stored.applicationId);
      const facts = chain ? factsBefore(chain, upTo) : stored;
      if (!facts) continue;
      applications++;
      const found = ownAnomalies(deps, facts);
      const r = await resubmissionOf(deps, facts);
      if (r) found.push(r);
      for (const a of found) writes.push(...itemsOf(a, facts, deps.gen ?? 0));
    }
    start = page.LastEvaluatedKey;
  } while (start);
  await putAll(deps, writes, parallel);
  return applications;
}
