/**
 * Stored tamper findings (issue 8; docs/DESIGN.md "Inspectors: stored tamper findings"). Every
 * verification that finds something (an inspector's `verify`, the scheduled check before each
 * anchor) records each finding once, so the anomaly list reads `tamper` like the other kinds
 * instead of re-hashing the log:
 *
 *   pk=AUDITFACTS#TAMPER                     sk=<applicationId>#<reason>#<seq>   at = first found
 *   pk=AUDITFACTS#ANOMS#tamper#<CST month>   sk=anomalyKey                       the list's item
 *
 * The first item fixes the instant a finding was first seen (`if_not_exists`), so the list item
 * written after it has the same key every time: recording is idempotent, and a crash between
 * the two writes is repaired by the next verification that finds the same thing. Findings are
 * evidence: never tombstoned, even if someone restores the event later.
 */
import { UpdateCommand, PutCommand, type DocumentStore } from '../aws/document-store';
import { anomalyKey, type Anomaly } from './anomalies';
import { ANOMALIES_PREFIX } from './anomaly-rows';
import { readMonthPages } from './month-pages';
import { FACTS_PREFIX } from './facts-keys';
import { cstDateOf, cstMonthsFrom, type Period } from './period';
import type { Finding } from './verify';

/** First-found instants; also holds the sweep's cursor (tamper-check.ts) under its own sort key. */
export const TAMPER_PREFIX = `${FACTS_PREFIX}#TAMPER`;
/** The list partitions of `tamper` (one set for every thresholds generation: findings do not depend on them). */
export const tamperPartition = (month: string) => `${ANOMALIES_PREFIX}#tamper#${month}`;

export interface FindingsDeps {
  ddb: DocumentStore;
  /** The main table (derived `AUDITFACTS*` rows). */
  tableName: string;
}

const markerKey = (f: Finding) => ({ pk: TAMPER_PREFIX, sk: `${f.applicationId}#${f.reason}#${f.seq ?? ''}` });

/** The anomaly a finding is listed as, first found at `at`. */
export const tamperAnomaly = (f: Finding, at: string): Anomaly => ({
  kind: 'tamper',
  applicationId: f.applicationId,
  at,
  detail: { reason: f.reason, ...(f.seq !== undefined ? { seq: f.seq } : {}) },
});

/**
 * Records each finding (at most `parallel` in flight); returns them as listed. A finding seen
 * before keeps its first `at`.
 */
export async function recordFindings(deps: FindingsDeps, findings: readonly Finding[], now: Date, parallel = 8): Promise<Anomaly[]> {
  const out: Anomaly[] = [];
  let next = 0;
  const lane = async () => {
    while (next < findings.length) {
      const f = findings[next++]!;
      const marked = await deps.ddb.send(
        new UpdateCommand({
          TableName: deps.tableName,
          Key: markerKey(f),
          UpdateExpression: 'SET #at = if_not_exists(#at, :now)',
          ExpressionAttributeNames: { '#at': 'at' },
          ExpressionAttributeValues: { ':now': now.toISOString() },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const anomaly = tamperAnomaly(f, marked.Attributes!.at as string);
      await deps.ddb.send(
        new PutCommand({
          TableName: deps.tableName,
          Item: {
            pk: tamperPartition(cstDateOf(anomaly.at).slice(0, 7)),
            sk: anomalyKey(anomaly),
            anomaly: JSON.stringify(anomaly),
            app: f.applicationId,
            at: anomaly.at,
            // Listed in the periods of the chain's first event; an anchor finding (`*`) in every period.
            ...(f.firstAt !== undefined && f.applicationId !== '*' ? { sd: cstDateOf(f.firstAt) } : { any: true }),
          },
        }),
      );
      out.push(anomaly);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, findings.length) }, lane));
  return out;
}

/**
 * The stored findings of a period after `after` (anomalyKey), `limit + 1` at most, in list
 * order. A department filter matches none (a finding has no department), as before.
 */
export async function storedFindings(
  deps: FindingsDeps,
  period: Period,
  q: { department?: string; limit: number; after?: string },
  now: Date,
): Promise<Anomaly[]> {
  if (q.department !== undefined) return [];
  return readMonthPages(deps, {
    // A finding is never listed before its chain began: months from the period's first.
    partitions: cstMonthsFrom(period, now).map(tamperPartition),
    ...(q.after !== undefined ? { after: q.after } : {}),
    limit: q.limit,
    filter: {
      expression: '#sd BETWEEN :from AND :to OR #any = :yes',
      names: { '#sd': 'sd', '#any': 'any' },
      values: { ':from': period.from, ':to': period.to, ':yes': true },
    },
  });
}
