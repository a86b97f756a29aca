/**
 * Generated timing logs and the brute-force recomputation of the timeliness report straight
 * from their raw events (PRODUCT.md "Supervision", one definition at a time): shared by the
 * report's equality test and the fact rows' equality test on the real store.
 */
import type { LoggedEvent } from '../../../../shared/audit/facts';
import { bruteForceTimeliness } from '../../../fixtures/timeliness-brute-force';

export const DEPTS = ['d1', 'd2', 'd3'];
export const T0 = Date.parse('2026-03-02T01:00:00.000Z');
export const NOW = new Date('2026-04-30T00:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** A small seeded generator (mulberry32): the same logs on every run. */
export function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

export function generate(n: number, seed: number): LoggedEvent[][] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const chains: LoggedEvent[][] = [];
  for (let i = 0; i < n; i++) {
    const applicationId = `A${String(i).padStart(26, '0')}`;
    const serviceId = pick(['s1', 's2']);
    const walkthrough = r() < 0.1;
    let t = T0 + Math.floor(r() * 20) * 86_400_000 + Math.floor(r() * 36_000_000);
    const chain: LoggedEvent[] = [];
    const add = (e: Partial<LoggedEvent> & { type: string }) =>
      chain.push({ applicationId, seq: chain.length + 1, at: iso(t), serviceId, walkthrough, actor: { role: 'system' }, ...e });
    const depts = DEPTS.filter(() => r() < 0.8);
    if (depts.length === 0) depts.push('d1');
    add({ type: 'submitted', actor: { role: 'citizen', sub: `c${i % 7}` }, dueAt: iso(t + 5 * 86_400_000) });
    t += 60_000;
    const due: Record<string, number> = {};
    for (const d of depts) {
      due[d] = t + Math.floor(1 + r() * 6) * 86_400_000;
      add({ type: 'branch-opened', department: d, dueAt: iso(due[d]), workingDaysUsed: 0 });
    }
    const ending = pick(['approve', 'approve', 'reject', 'withdraw', 'open', 'fail']);
    let rejected = false;
    for (const d of depts) {
      if (ending === 'withdraw' || ending === 'fail' || rejected) break;
      const rounds = r() < 0.3 ? Math.floor(1 + r() * 2) : 0;
      for (let k = 1; k <= rounds; k++) {
        t += Math.floor(r() * 2 * 86_400_000);
        add({
          type: 'decided',
          department: d,
          actor: { role: 'officer' },
          dueAt: iso(due[d]!),
          workingDaysUsed: 1,
          detail: { decision: 'request-supplement' },
        });
        add({ type: 'supplement-requested', department: d, dueAt: iso(due[d]!), detail: { round: k } });
        if (ending === 'open' && k === rounds && r() < 0.5) break;
        t += Math.floor(r() * 3 * 86_400_000);
        const from = due[d]!;
        due[d] = from + 2 * 86_400_000;
        add({ type: 'supplement-provided', department: d, dueAt: iso(due[d]) });
        add({ type: 'due-moved', department: d, dueAt: iso(due[d]), detail: { from: iso(from), to: iso(due[d]) } });
      }
      if (ending === 'open' && r() < 0.6) continue;
      t += Math.floor(r() * 8 * 86_400_000);
      const decision = ending === 'reject' && d === depts.at(-1) ? 'reject' : 'approve';
      add({
        type: 'decided',
        department: d,
        actor: { role: 'officer' },
        dueAt: iso(due[d]!),
        workingDaysUsed: Math.floor(r() * 8),
        detail: { decision },
      });
      if (decision === 'reject') rejected = true;
    }
    t += 1000;
    if (ending === 'withdraw') {
      add({ type: 'withdrawn', actor: { role: 'citizen' } });
      for (const d of depts) add({ type: 'cancelled', department: d, dueAt: iso(due[d]!) });
    } else if (ending === 'fail') add({ type: 'failed' });
    else if (ending === 'reject') add({ type: 'completed', detail: { outcome: 'rejected' } });
    else if (ending === 'approve') add({ type: 'completed', detail: { outcome: 'approved' } });
    if (ending !== 'open' && r() < 0.5) add({ type: 'evaluated', detail: { evaluationId: `e${i}`, level: Math.floor(1 + r() * 5) } });
    chains.push(chain);
  }
  return chains;
}

/** Straight from the raw events, one definition of PRODUCT.md at a time (test/fixtures/timeliness-brute-force.ts), as of NOW. */
export function bruteForce(events: LoggedEvent[], from: string, endAt: string, includeTests: boolean) {
  const { totals, byDepartment } = bruteForceTimeliness(events, {
    startAt: from,
    endAt,
    includeTests,
    now: NOW.toISOString(),
    departments: DEPTS,
  });
  return { totals, byDepartment };
}
