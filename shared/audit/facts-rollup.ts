/**
 * Pre-aggregated application facts (issue 8 "Scale", docs/DESIGN.md "Inspectors: fact rows").
 *
 * One row per application in the MAIN table (derived data, rebuildable from the log, so it
 * stays out of the append-only audit table): `pk=AUDITFACTS#<CST submission month>`,
 * `sk=<CST submission day>#<applicationId>`, `facts` = the JSON of `factsOf(chain)`. A rollup job reads the by-day
 * index from the watermark up to `now - SEAL_MARGIN_MS`, re-folds every application that has
 * an event there from its whole chain, puts its row, then moves the watermark
 * (`pk=AUDITFACTS`, `sk=WATERMARK`, `upTo`) one step (whole UTC days) at a time.
 *
 * CONSISTENCY RULE: the facts of the applications submitted in a period = their rows, except
 * that every application with an event at or after the watermark (the live tail, read from
 * the same index) is re-folded from its chain. So a report equals the brute-force
 * recomputation from the events as of the last rollup plus the tail, i.e. from the whole log.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DocumentStore } from '../aws/document-store';
import type { Clock } from '../clock';
import { ANCHOR_EPOCH, SEAL_MARGIN_MS } from './anchors';
import { factsOf, type ApplicationFacts, type LoggedEvent } from './facts';
import { cstDateOf, utcDaysCovering, type Period } from './period';
import { dateToDay, dayToDate } from '../calendar/cst';
import { applyTail, readDayRows, rollUpDayRows } from './day-rows';
import type { DaySummary } from './day-summary';
import { rebuildAnomalyMonth, rollUpAnomalyRows, type AnomalyRowsDeps } from './anomaly-rows';
import { DEFAULT_THRESHOLDS, type AnomalyThresholds } from './anomalies';
import { DEFAULT_FINGERPRINT, thresholdsFingerprint } from './thresholds';

import { FACTS_PREFIX } from './facts-keys';

export { FACTS_PREFIX };
const WATERMARK_KEY = { pk: FACTS_PREFIX, sk: 'WATERMARK' };
const DAY_MS = 86_400_000;
/** Applications folded per rollup step (one watermark write each). */
const STEP_APPLICATIONS = 2000;

export interface FactsDeps {
  ddb: DocumentStore;
  /** The audit table (the log and its by-day index gsi1). */
  auditTableName: string;
  /** The main table (fact rows and the watermark). */
  tableName: string;
}

type Query = ConstructorParameters<typeof QueryCommand>[0];

async function* pages<T>(ddb: DocumentStore, input: Query): AsyncGenerator<T[]> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    yield (page.Items ?? []) as T[];
    start = page.LastEvaluatedKey;
  } while (start);
}

async function queryAll<T>(ddb: DocumentStore, input: Query): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages<T>(ddb, input)) out.push(...page);
  return out;
}

/** The instant up to which the rows are complete; undefined before the first rollup. */
export async function readWatermark(deps: FactsDeps): Promise<string | undefined> {
  return (await readWatermarkState(deps))?.upTo;
}

/** The watermark with what the anomaly index holds: its generation and thresholds' fingerprint. */
export interface WatermarkState {
  upTo: string;
  /** thresholdsFingerprint of the thresholds the index was built with (absent in old data: the defaults). */
  thresholds: string;
  gen: number;
}

export async function readWatermarkState(deps: FactsDeps): Promise<WatermarkState | undefined> {
  const got = await deps.ddb.send(new GetCommand({ TableName: deps.tableName, Key: WATERMARK_KEY, ConsistentRead: true }));
  const item = got.Item;
  if (typeof item?.upTo !== 'string') return undefined;
  return {
    upTo: item.upTo,
    thresholds: typeof item.thr === 'string' ? item.thr : DEFAULT_FINGERPRINT,
    gen: typeof item.gen === 'number' ? item.gen : 0,
  };
}

/** The CST months of fact rows from the epoch to `upTo`'s (an application is submitted before the watermark). */
function factMonthsUpTo(upTo: string): string[] {
  const months: string[] = [];
  const last = cstDateOf(upTo).slice(0, 7);
  for (let m = cstDateOf(ANCHOR_EPOCH).slice(0, 7); m <= last;) {
    months.push(m);
    const [y, mo] = m.split('-').map(Number) as [number, number];
    m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  }
  return months;
}

interface Rebuild {
  gen: number;
  thr: string;
  /** The next month of fact rows to rebuild. */
  next: string;
}

/**
 * Rebuilds the anomaly index for `thresholds` into a new generation, one month of fact rows at
 * a time (resumable: `rebuild.next`), while no step runs (`pending` absent, steps refused while
 * `rebuild` is set, so the watermark stays put); then switches the watermark's `thr` and `gen`
 * in one conditional update. Returns false when stopped by `shouldContinue` (the next run goes on).
 */
async function rebuildIndex(
  deps: FactsDeps & { clock: Clock; calendar: AnomalyRowsDeps['calendar'] },
  mark: Record<string, unknown>,
  thresholds: AnomalyThresholds,
  shouldContinue: () => boolean,
  parallel: number,
): Promise<boolean> {
  const upTo = mark.upTo as string;
  const thr = thresholdsFingerprint(thresholds);
  const months = factMonthsUpTo(upTo);
  let rebuild = mark.rebuild as Rebuild | undefined;
  if (rebuild?.thr !== thr) {
    // A new rebuild (or the configuration changed again mid-way): a fresh generation.
    const fresh: Rebuild = { gen: Math.max(typeof mark.gen === 'number' ? mark.gen : 0, rebuild?.gen ?? 0) + 1, thr, next: months[0]! };
    await deps.ddb.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: WATERMARK_KEY,
        UpdateExpression: 'SET #rb = :r',
        ConditionExpression: `upTo = :upTo AND attribute_not_exists(pending) AND ${rebuild ? '#rb.gen = :old' : 'attribute_not_exists(#rb)'}`,
        ExpressionAttributeNames: { '#rb': 'rebuild' },
        ExpressionAttributeValues: { ':r': fresh, ':upTo': upTo, ...(rebuild ? { ':old': rebuild.gen } : {}) },
      }),
    );
    rebuild = fresh;
  }
  const tail = new Map((await tailChains(deps, upTo)).map((chain) => [chain[0]?.applicationId ?? '', chain] as const));
  const rows = { ...deps, thresholds, gen: rebuild.gen };
  for (const month of months.filter((m) => m >= rebuild.next)) {
    if (!shouldContinue()) return false;
    await rebuildAnomalyMonth(rows, `${FACTS_PREFIX}#${month}`, tail, upTo, parallel);
    const next = months[months.indexOf(month) + 1] ?? '~';
    await deps.ddb.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: WATERMARK_KEY,
        UpdateExpression: 'SET #rb.#next = :next',
        ConditionExpression: 'upTo = :upTo AND #rb.gen = :gen',
        ExpressionAttributeNames: { '#rb': 'rebuild', '#next': 'next' },
        ExpressionAttributeValues: { ':next': next, ':upTo': upTo, ':gen': rebuild.gen },
      }),
    );
  }
  await deps.ddb.send(
    new UpdateCommand({
      TableName: deps.tableName,
      Key: WATERMARK_KEY,
      UpdateExpression: 'SET thr = :thr, gen = :gen REMOVE #rb',
      ConditionExpression: 'upTo = :upTo AND #rb.gen = :gen',
      ExpressionAttributeNames: { '#rb': 'rebuild' },
      ExpressionAttributeValues: { ':thr': thr, ':upTo': upTo, ':gen': rebuild.gen },
    }),
  );
  return true;
}

/** Ids of the applications with an event in [startAt, endAt) (endAt undefined: no end), from gsi1. */
async function touchedIn(deps: FactsDeps, startAt: string, endAt: string | undefined, lastDay: string): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const day of utcDaysCovering(startAt, endAt ?? `${lastDay}T23:59:59.999Z`)) {
    const range = endAt === undefined ? 'gsi1sk >= :a' : 'gsi1sk BETWEEN :a AND :b';
    for await (const page of pages<{ applicationId?: string }>(deps.ddb, {
      TableName: deps.auditTableName,
      IndexName: 'gsi1',
      KeyConditionExpression: `gsi1pk = :d AND ${range}`,
      ProjectionExpression: 'applicationId',
      ExpressionAttributeValues: { ':d': `DAY#${day}`, ':a': startAt, ...(endAt !== undefined ? { ':b': endAt } : {}) },
    }))
      for (const item of page) if (item.applicationId !== undefined) ids.add(item.applicationId);
  }
  return ids;
}

/** One application's whole chain, in seq order. */
export const readChain = (deps: FactsDeps, applicationId: string): Promise<LoggedEvent[]> =>
  queryAll<LoggedEvent>(deps.ddb, {
    TableName: deps.auditTableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': `APP#${applicationId}` },
    ConsistentRead: true,
  });

/** Folds one application from its whole chain (undefined: no `submitted` event yet). */
export async function foldChain(deps: FactsDeps, applicationId: string): Promise<ApplicationFacts | undefined> {
  return factsOf(await readChain(deps, applicationId));
}

/** Month partitions (a year = 12 queries), sorted by CST submission day: a period is one key range per month. */
const factsKey = (f: ApplicationFacts) => {
  const day = cstDateOf(f.submittedAt);
  return { pk: `${FACTS_PREFIX}#${day.slice(0, 7)}`, sk: `${day}#${f.applicationId}` };
};

/** Runs `work` over `items` with at most `width` in flight. */
async function eachLimited<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}

export interface RollupResult {
  from: string;
  upTo: string;
  applications: number;
}

/**
 * Brings the rows up to `now - SEAL_MARGIN_MS`, a few UTC days of the index per step: rows first
 * (idempotent puts of a whole re-fold), the watermark last (conditional on the value read, so
 * two runs at once cannot move it backwards). A crash leaves rows ahead of the watermark:
 * the next run re-folds the same applications and writes the same rows.
 */
export async function rollUpFacts(
  deps: FactsDeps & { clock: Clock; calendar: AnomalyRowsDeps['calendar'] },
  opts: {
    /** Checked before each step: false stops the run there (a time budget); the next run continues. */
    shouldContinue?: () => boolean;
    parallel?: number;
    /** Applications per step (default STEP_APPLICATIONS). */
    stepApplications?: number;
    /** Between the fact rows and the day rows of a step (tests inject a crash there). */
    beforeDayRows?: (upTo: string) => Promise<void>;
    /** Between the rows of a step and the watermark (tests inject a crash there). */
    beforeAdvance?: (upTo: string) => Promise<void>;
    /**
     * The configured anomaly thresholds: the index is rebuilt for them when the watermark says it
     * was built with others (the service reads it only when they match).
     */
    thresholds?: AnomalyThresholds;
  } = {},
): Promise<RollupResult> {
  let mark = await deps.ddb.send(new GetCommand({ TableName: deps.tableName, Key: WATERMARK_KEY, ConsistentRead: true }));
  const start = typeof mark.Item?.upTo === 'string' ? mark.Item.upTo : ANCHOR_EPOCH;
  const configured = opts.thresholds ?? DEFAULT_THRESHOLDS;
  // Steps extend the index with the thresholds it was built with (a crashed step is replayed
  // with them); a rebuild switches it to the configured ones first.
  const builtWith = (item: Record<string, unknown> | undefined): AnomalyThresholds =>
    typeof item?.thr === 'string'
      ? (JSON.parse(item.thr) as AnomalyThresholds)
      : item?.upTo === undefined
        ? configured
        : DEFAULT_THRESHOLDS;
  let thresholds = builtWith(mark.Item);
  let gen = typeof mark.Item?.gen === 'number' ? mark.Item.gen : 0;
  // A step that crashed is replayed with its own bounds: the anomaly index replaces exactly
  // what that step may have written (anomaly-rows.ts).
  let pending = typeof mark.Item?.pending === 'string' && mark.Item.pending > start ? mark.Item.pending : undefined;
  const cutoff = new Date(deps.clock.now().getTime() - SEAL_MARGIN_MS).toISOString();
  const parallel = opts.parallel ?? 8;
  let from = start;
  let applications = 0;
  const onWatermark = (first: boolean) => (first ? 'attribute_not_exists(upTo) OR upTo = :from' : 'upTo = :from');
  const shouldContinue = () => opts.shouldContinue?.() ?? true;
  while (shouldContinue()) {
    const hasWatermark = mark.Item?.upTo !== undefined || from !== start;
    if (
      pending === undefined &&
      hasWatermark &&
      (thresholdsFingerprint(thresholds) !== thresholdsFingerprint(configured) || mark.Item?.rebuild !== undefined)
    ) {
      // Read again: a step of this run may have moved the watermark since.
      mark = await deps.ddb.send(new GetCommand({ TableName: deps.tableName, Key: WATERMARK_KEY, ConsistentRead: true }));
      if (!(await rebuildIndex(deps, mark.Item!, configured, shouldContinue, parallel))) break;
      mark = await deps.ddb.send(new GetCommand({ TableName: deps.tableName, Key: WATERMARK_KEY, ConsistentRead: true }));
      thresholds = builtWith(mark.Item);
      gen = typeof mark.Item?.gen === 'number' ? mark.Item.gen : 0;
    }
    if (pending === undefined && from >= cutoff) break;
    // A step: whole UTC days until STEP_APPLICATIONS are touched (an application touched on
    // several of its days is folded once per step, not once per day), or the cutoff.
    const end = pending ?? cutoff;
    let upTo = from;
    const touched = new Set<string>();
    while (upTo < end && (pending !== undefined || touched.size < (opts.stepApplications ?? STEP_APPLICATIONS))) {
      const dayEnd = new Date((Math.floor(Date.parse(upTo) / DAY_MS) + 1) * DAY_MS).toISOString();
      const stop = dayEnd < end ? dayEnd : end;
      for (const id of await touchedIn(deps, upTo, stop, stop.slice(0, 10))) touched.add(id);
      upTo = stop;
    }
    const first = from === ANCHOR_EPOCH && start === ANCHOR_EPOCH && mark.Item?.upTo === undefined;
    if (pending === undefined)
      await deps.ddb.send(
        new UpdateCommand({
          TableName: deps.tableName,
          Key: WATERMARK_KEY,
          UpdateExpression: 'SET pending = :to',
          // A second run started at the same time stops here instead of writing other bounds.
          ConditionExpression: `(${onWatermark(first)}) AND attribute_not_exists(pending) AND attribute_not_exists(#rb)`,
          ExpressionAttributeNames: { '#rb': 'rebuild' },
          ExpressionAttributeValues: { ':to': upTo, ':from': from },
        }),
      );
    const ids = [...touched];
    const chains = new Map<string, LoggedEvent[]>();
    await eachLimited(ids, parallel, async (id) => {
      const chain = await readChain(deps, id);
      chains.set(id, chain);
      const facts = factsOf(chain);
      if (!facts) return;
      await deps.ddb.send(new PutCommand({ TableName: deps.tableName, Item: { ...factsKey(facts), facts: JSON.stringify(facts) } }));
    });
    await opts.beforeDayRows?.(upTo);
    await rollUpDayRows(deps, chains, upTo, parallel);
    await rollUpAnomalyRows({ ...deps, thresholds, gen }, chains, from, upTo, parallel);
    await opts.beforeAdvance?.(upTo);
    await deps.ddb.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: WATERMARK_KEY,
        UpdateExpression: 'SET upTo = :to, thr = :thr REMOVE pending',
        ConditionExpression: onWatermark(first),
        ExpressionAttributeValues: { ':to': upTo, ':from': from, ':thr': thresholdsFingerprint(thresholds) },
      }),
    );
    applications += ids.length;
    from = upTo;
    pending = undefined;
  }
  return { from: start, upTo: from, applications };
}

/** The `YYYY-MM` months a CST period touches. */
function monthsOf(period: Period): string[] {
  const months = new Set<string>();
  for (let d = dateToDay(period.from)!; d <= dateToDay(period.to)!; d++) months.add(dayToDate(d).slice(0, 7));
  return [...months];
}

/**
 * The facts of the applications submitted in `period` (narrowed to tests and service as asked)
 * by the consistency rule above; undefined before the first rollup (the caller folds chains).
 */
export async function factsFromRows(
  deps: FactsDeps & { clock: Clock },
  period: Period,
  f: { includeTests: boolean; serviceId?: string },
): Promise<ApplicationFacts[] | undefined> {
  const watermark = await readWatermark(deps);
  if (watermark === undefined) return undefined;
  const byId = new Map<string, ApplicationFacts>();
  // The months are independent partitions: read them at once (a year = 12 Queries in flight).
  const months = await Promise.all(
    monthsOf(period).map((month) =>
      queryAll<{ facts: string }>(deps.ddb, {
        TableName: deps.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
        ExpressionAttributeValues: { ':pk': `${FACTS_PREFIX}#${month}`, ':a': period.from, ':b': `${period.to}#~` },
        ProjectionExpression: 'facts',
      }),
    ),
  );
  for (const rows of months)
    for (const row of rows) {
      const facts = JSON.parse(row.facts) as ApplicationFacts;
      byId.set(facts.applicationId, facts);
    }
  // The live tail: whatever has an event at or after the watermark is folded from its chain.
  const today = new Date(deps.clock.now().getTime() + DAY_MS).toISOString().slice(0, 10);
  for (const id of await touchedIn(deps, watermark, undefined, today)) {
    const facts = await foldChain(deps, id);
    if (facts && facts.submittedAt >= period.startAt && facts.submittedAt < period.endAt) byId.set(id, facts);
  }
  return [...byId.values()].filter((a) => (f.includeTests || !a.walkthrough) && (f.serviceId === undefined || a.serviceId === f.serviceId));
}

/** The chains of the live tail: every application with an event at or after `watermark`. */
export async function tailChains(deps: FactsDeps & { clock: Clock }, watermark: string): Promise<LoggedEvent[][]> {
  const today = new Date(deps.clock.now().getTime() + DAY_MS).toISOString().slice(0, 10);
  const ids = [...(await touchedIn(deps, watermark, undefined, today))];
  const chains: LoggedEvent[][] = [];
  await eachLimited(ids, 8, async (id) => void chains.push(await readChain(deps, id)));
  return chains;
}

/**
 * The merged day summary of the applications submitted in `period` (tests and department
 * scope as asked) by the day rows' consistency rule (day-rows.ts); undefined before the first
 * rollup (the caller folds chains). A service filter is applied by the report on the result.
 */
export async function summaryFromDayRows(
  deps: FactsDeps & { clock: Clock },
  period: Period,
  f: { includeTests: boolean; department?: string },
): Promise<DaySummary | undefined> {
  const watermark = await readWatermark(deps);
  if (watermark === undefined) return undefined;
  const [stored, tail] = await Promise.all([readDayRows(deps, period, f), tailChains(deps, watermark)]);
  return applyTail(stored, tail, period, f);
}
