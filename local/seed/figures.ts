/**
 * The seed's figures recomputed by brute force from timing-log events alone (no index, no
 * report code): every chain of the event service whose `submitted` falls in the period
 * (CST days, both ends included) is accepted; it is completed when the chain has a
 * `completed` event; handling minutes run from `submitted` to `completed`. These are the
 * shared contract's definitions, so the inspector report (issue 8) must give the same.
 */
import type { TimingEvent } from '../../shared/audit/types';

export interface HotlineFigures {
  accepted: number;
  completed: number;
  /** Percent, two decimals. */
  completionRate: number;
  /** Mean minutes from `submitted` to `completed` over completed events, one decimal. */
  avgHandlingMinutes: number;
  returned: number;
  returnedTwiceOrMore: number;
  overdue: number;
  rated: number;
  /** Percent of ratings at level >= 4 (满意 or 非常满意), one decimal. */
  satisfied: number;
  departments: number;
}

const CST_MS = 8 * 3_600_000;
const cstDay = (iso: string) => new Date(Date.parse(iso) + CST_MS).toISOString().slice(0, 10);
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Figures over any events (in any order); only chains of `serviceId`, not walk-throughs. */
export function hotlineFigures(events: Iterable<TimingEvent>, serviceId: string, from: string, to: string): HotlineFigures {
  const chains = new Map<string, TimingEvent[]>();
  for (const e of events) {
    if (e.serviceId !== serviceId || e.walkthrough) continue;
    const chain = chains.get(e.applicationId) ?? [];
    chain.push(e);
    chains.set(e.applicationId, chain);
  }
  let accepted = 0;
  let completed = 0;
  let minutes = 0;
  let returned = 0;
  let returnedTwice = 0;
  let overdue = 0;
  let rated = 0;
  let satisfied = 0;
  const departments = new Set<string>();
  for (const chain of chains.values()) {
    const submitted = chain.find((e) => e.type === 'submitted');
    if (!submitted || cstDay(submitted.at) < from || cstDay(submitted.at) > to) continue;
    accepted++;
    for (const e of chain) if (e.type === 'branch-opened' && e.department) departments.add(e.department);
    const done = chain.find((e) => e.type === 'completed');
    if (done) {
      completed++;
      minutes += (Date.parse(done.at) - Date.parse(submitted.at)) / 60_000;
    }
    const returns = chain.filter((e) => e.type === 'returned').length;
    if (returns >= 1) returned++;
    if (returns >= 2) returnedTwice++;
    if (chain.some((e) => e.type === 'overdue')) overdue++;
    const rating = chain.find((e) => e.type === 'rated');
    if (rating) {
      rated++;
      if (Number(rating.detail?.level) >= 4) satisfied++;
    }
  }
  return {
    accepted,
    completed,
    completionRate: accepted ? round((100 * completed) / accepted, 2) : 0,
    avgHandlingMinutes: completed ? round(minutes / completed, 1) : 0,
    returned,
    returnedTwiceOrMore: returnedTwice,
    overdue,
    rated,
    satisfied: rated ? round((100 * satisfied) / rated, 1) : 0,
    departments: departments.size,
  };
}

/** The table in the seed's form, with the seed's own figures beside ours. */
export function figuresTable(f: HotlineFigures, from: string, to: string): string {
  const rows: Array<[string, string, string]> = [
    ['events accepted (受理事件)', f.accepted.toLocaleString('en-US'), '37,176'],
    ['completion rate (办结率)', `${f.completionRate.toFixed(2)} %`, '99.55 %'],
    ['average handling time (平均处置时间)', `${f.avgHandlingMinutes.toFixed(1)} min`, '47 min'],
    ['departments dispatched to', String(f.departments), '23'],
    ['returned (退单) once or more / twice or more', `${f.returned} / ${f.returnedTwiceOrMore}`, '-'],
    ['events with an overdue step', String(f.overdue), '-'],
    ['rated (回访) / satisfied (level >= 4)', `${f.rated} / ${f.satisfied.toFixed(1)} %`, '-'],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length), 7);
  const w1 = Math.max(...rows.map((r) => r[1].length), 8);
  const line = (a: string, b: string, c: string) => `| ${a.padEnd(w0)} | ${b.padStart(w1)} | ${c.padStart(8)} |`;
  return [
    `12345 events submitted ${from} .. ${to} (CST), from the timing log`,
    line('measure', 'measured', 'seed'),
    line('-'.repeat(w0), '-'.repeat(w1), '-'.repeat(8)),
    ...rows.map((r) => line(...r)),
  ].join('\n');
}
