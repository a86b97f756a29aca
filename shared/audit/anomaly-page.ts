/**
 * One page of anomalies from the index plus the live tail (anomaly-rows.ts, its consistency
 * rule): the index items after the cursor, skipping the tail's applications, merged with the
 * tail's anomalies computed from their whole chains. `limit + 1` at most, in list order.
 */
import type { Clock } from '../clock';
import { anomaliesOf, anomalyKey, type Anomaly } from './anomalies';
import { endedOf, indexedPage, resubmissionOf, type AnomalyPageQuery, type AnomalyRowsDeps } from './anomaly-rows';
import { factsOf, type ApplicationFacts } from './facts';
import { tailChains, type FactsDeps } from './facts-rollup';
import type { Period } from './period';

export async function anomalyPageFromIndex(
  deps: FactsDeps & AnomalyRowsDeps & { clock: Clock },
  period: Period,
  q: AnomalyPageQuery,
  now: Date,
  watermark: string,
): Promise<Anomaly[]> {
  const tail = (await tailChains(deps, watermark)).map(factsOf).filter((f): f is ApplicationFacts => f !== undefined);
  const skip = new Set(tail.map((f) => f.applicationId));
  const ended = tail.flatMap((f) => endedOf(f) ?? []);
  const mine = tail.filter((f) => f.submittedAt >= period.startAt && f.submittedAt < period.endAt && (q.includeTests || !f.walkthrough));
  const fromTail = anomaliesOf(mine, [], deps.calendar, now, deps.thresholds);
  if (q.kind === undefined || q.kind === 'resubmission')
    for (const f of mine) {
      const r = await resubmissionOf(deps, f, ended);
      if (r) fromTail.push(r);
    }
  const wanted = fromTail.filter(
    (a) =>
      (q.kind === undefined || a.kind === q.kind) &&
      (q.department === undefined || a.department === q.department) &&
      (q.after === undefined || anomalyKey(a) > q.after),
  );
  const fromIndex = await indexedPage(deps, period, q, now, skip);
  return [...fromIndex, ...wanted].sort((a, b) => (anomalyKey(a) < anomalyKey(b) ? -1 : 1)).slice(0, q.limit + 1);
}
