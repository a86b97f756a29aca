/**
 * Day summary rows in the main table (issue 8 "Scale"; docs/DESIGN.md "Inspectors: day
 * summaries"): derived data, rebuildable from the log like the fact rows.
 *
 *   pk=AUDITFACTS#DAYS#<CST month>           sk=<CST submission day>#<r|t>   all departments
 *   pk=AUDITFACTS#DAYS#<CST month>#D#<dept>  sk=<CST submission day>#<r|t>   the department's scope
 *
 * (`r` real applications, `t` walk-throughs and probes.) Each row has `rev`: it summarises
 * EXACTLY `factsOf(events with at < rev)` of every application it covers. The rollup keeps that
 * true by replacing, for each application of the step, `factsOf(chain < rev)` with
 * `factsOf(chain < upTo)` and setting `rev = upTo` in one put; a row already at or past `upTo`
 * (a crashed run that went further) is left alone: it is exact for its own rev.
 *
 * CONSISTENCY RULE (the report): read the watermark W, then the rows of the period, then every
 * application with an event at or after W (the live tail): for each, remove `factsOf(chain < rev)`
 * of its row and add `factsOf(chain)`. An application with no event at or after W has no event
 * at or after its row's rev either (every completed step rebuilt the rows of the applications
 * it touched before moving W), so its row contribution is already its whole chain.
 */
import { BatchGetCommand, PutCommand, type BatchGetCommandOutput, QueryCommand, type DocumentStore } from '../aws/document-store';
import { factsOf, type ApplicationFacts, type LoggedEvent } from './facts';
import { FACTS_PREFIX } from './facts-keys';
import { addApplication, emptySummary, mergePackedSummary, packSummary, unpackSummary, type DaySummary } from './day-summary';
import { cstDateOf, type Period } from './period';
import { dateToDay, dayToDate } from '../calendar/cst';

/** Under the fact rows' prefix: the same least-privilege grants (`AUDITFACTS*`) cover them. */
export const DAYS_PREFIX = `${FACTS_PREFIX}#DAYS`;

interface Deps {
  ddb: DocumentStore;
  /** The main table. */
  tableName: string;
}

type RowKey = {
  pk: string;
  sk: string;
};

const flagOf = (walkthrough: boolean) => (walkthrough ? 't' : 'r');
const partition = (month: string, department?: string) =>
  department === undefined ? `${DAYS_PREFIX}#${month}` : `${DAYS_PREFIX}#${month}#D#${department}`;

/** The row an application's contribution lives in (all departments, or one department's scope). */
export function rowKeyOf(a: Pick<ApplicationFacts, 'submittedAt' | 'walkthrough'>, department?: string): RowKey {
  const day = cstDateOf(a.submittedAt);
  return { pk: partition(day.slice(0, 7), department), sk: `${day}#${flagOf(a.walkthrough)}` };
}

const keyText = (k: RowKey) => `${k.pk}\n${k.sk}`;

/** The facts as of an instant: the chain's events before it (undefined if not yet submitted then). */
export const factsBefore = (chain: readonly LoggedEvent[], before: string) => factsOf(chain.filter((e) => e.at < before));

/** BatchGet in 100s, unprocessed keys retried. */
async function getRows(deps: Deps, keys: RowKey[]): Promise<Map<string, { rev: string; summary: string }>> {
  const out = new Map<string, { rev: string; summary: string }>();
  for (let i = 0; i < keys.length; i += 100) {
    let request: Record<string, unknown>[] | undefined = keys.slice(i, i + 100);
    while (request && request.length > 0) {
      const got: BatchGetCommandOutput = await deps.ddb.send(
        new BatchGetCommand({ RequestItems: { [deps.tableName]: { Keys: request, ConsistentRead: true } } }),
      );
      for (const item of got.Responses?.[deps.tableName] ?? [])
        out.set(keyText(item as RowKey), { rev: item.rev as string, summary: item.summary as string });
      request = got.UnprocessedKeys?.[deps.tableName]?.Keys;
    }
  }
  return out;
}

/**
 * One rollup step's part: the rows of every application of `chains` (all touched in
 * [from, upTo)) brought to `rev = upTo`. Each row is one put, so a crash leaves every row
 * either at its old rev or at `upTo`, both exact.
 */
export async function rollUpDayRows(
  deps: Deps,
  chains: ReadonlyMap<string, readonly LoggedEvent[]>,
  upTo: string,
  parallel = 8,
): Promise<number> {
  const byRow = new Map<string, { key: RowKey; department?: string; chains: Array<readonly LoggedEvent[]> }>();
  for (const chain of chains.values()) {
    const now = factsBefore(chain, upTo);
    if (!now) continue;
    // Branches only ever open, so the departments as of upTo cover those of any earlier rev.
    for (const department of [undefined, ...now.branches.map((b) => b.department)]) {
      const key = rowKeyOf(now, department);
      const text = keyText(key);
      const row = byRow.get(text);
      if (row) row.chains.push(chain);
      else byRow.set(text, { key, ...(department !== undefined ? { department } : {}), chains: [chain] });
    }
  }
  const rows = [...byRow.values()];
  const stored = await getRows(
    deps,
    rows.map((r) => r.key),
  );
  let written = 0;
  let next = 0;
  const lane = async () => {
    while (next < rows.length) {
      const row = rows[next++]!;
      const old = stored.get(keyText(row.key));
      if (old && old.rev >= upTo) continue;
      const summary = old ? unpackSummary(old.summary) : emptySummary();
      for (const chain of row.chains) {
        const before = old ? factsBefore(chain, old.rev) : undefined;
        if (before) addApplication(summary, before, -1, row.department);
        addApplication(summary, factsBefore(chain, upTo)!, 1, row.department);
      }
      await deps.ddb.send(new PutCommand({ TableName: deps.tableName, Item: { ...row.key, rev: upTo, summary: packSummary(summary) } }));
      written++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, rows.length) }, lane));
  return written;
}

/** The `YYYY-MM` months of a CST period. */
function monthsOf(period: Period): string[] {
  const months = new Set<string>();
  for (let d = dateToDay(period.from)!; d <= dateToDay(period.to)!; d++) months.add(dayToDate(d).slice(0, 7));
  return [...months];
}

export interface StoredSummaries {
  summary: DaySummary;
  /** rev of each row read, by row key: the tail removes `factsOf(chain < rev)` from it. */
  revs: Map<string, string>;
}

/** Merges the rows of the period (tests as asked; one department's scope rows when given). */
export async function readDayRows(deps: Deps, period: Period, f: { includeTests: boolean; department?: string }): Promise<StoredSummaries> {
  const summary = emptySummary();
  const revs = new Map<string, string>();
  // The months are independent partitions: a year = 12 Queries in flight.
  await Promise.all(
    monthsOf(period).map(async (month) => {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await deps.ddb.send(
          new QueryCommand({
            TableName: deps.tableName,
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
            ExpressionAttributeValues: { ':pk': partition(month, f.department), ':a': `${period.from}#`, ':b': `${period.to}#~` },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) {
          if (!f.includeTests && (item.sk as string).endsWith('#t')) continue;
          revs.set(keyText(item as RowKey), item.rev as string);
          mergePackedSummary(summary, item.summary as string);
        }
        start = page.LastEvaluatedKey;
      } while (start);
    }),
  );
  return { summary, revs };
}

/**
 * Applies the live tail to the merged rows (the rule above): each tail chain's row
 * contribution out, its whole fold in when it belongs to the period and the tests scope.
 */
export function applyTail(
  stored: StoredSummaries,
  tail: ReadonlyArray<readonly LoggedEvent[]>,
  period: Period,
  f: { includeTests: boolean; department?: string },
): DaySummary {
  const summary = stored.summary;
  for (const chain of tail) {
    const whole = factsOf(chain);
    if (!whole) continue;
    const rev = stored.revs.get(keyText(rowKeyOf(whole, f.department)));
    const before = rev !== undefined ? factsBefore(chain, rev) : undefined;
    if (before) addApplication(summary, before, -1, f.department);
    if (whole.submittedAt >= period.startAt && whole.submittedAt < period.endAt && (f.includeTests || !whole.walkthrough))
      addApplication(summary, whole, 1, f.department);
  }
  return summary;
}
