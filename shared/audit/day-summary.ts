/**
 * Day summaries (issue 8 "Scale", docs/DESIGN.md "Inspectors: day summaries"): the counters
 * and the exact value histograms of the timeliness report for the applications submitted on
 * one CST day, so a year's report merges ~730 small rows instead of ~10^5 application rows.
 * Pure. Every figure of `timelinessReport` is either a count (added and subtracted exactly)
 * or a statistic of a value list, kept as an exact `value -> count` histogram: the report
 * expands it in ascending order, so the mean sums the same values in the same order as the
 * brute force (same floating-point result) and nearest-rank percentiles read the same rank.
 */
import type { ApplicationFacts, BranchFacts } from './facts';
import { isOverdueOpen, rate, type DepartmentFigures, type Figures, type Stats, type TimelinessReport } from './timeliness';

/** value -> count; values are integers or exact decimal strings of numbers. */
export type Histogram = Map<number, number>;

/** The application figures of one service (or of the applications with a branch of one department). */
export interface AppCell {
  applications: number;
  completed: number;
  withdrawn: number;
  failed: number;
  completedOnTime: number;
  evaluations: number;
  badReviews: number;
  /** Handling time of the completed ones in MILLISECONDS (minutes = ms / 60000 at read time, as the brute force divides). */
  handlingMs: Histogram;
}

/** One department's branches of one service. */
export interface BranchCell {
  tasks: number;
  decided: number;
  decidedOnTime: number;
  /** Due dates of the branches still open (undecided, not cancelled, not suspended): overdue is `now > dueAt` at read time. */
  openDue: Map<string, number>;
  handlingMs: Histogram;
  workingDays: Histogram;
}

/** `apps[service]`, `branches[service][department]`. */
export interface DaySummary {
  apps: Map<string, AppCell>;
  branches: Map<string, Map<string, BranchCell>>;
}

export const emptySummary = (): DaySummary => ({ apps: new Map(), branches: new Map() });

const bump = <K>(h: Map<K, number>, key: K, by: number) => {
  const n = (h.get(key) ?? 0) + by;
  if (n === 0) h.delete(key);
  else h.set(key, n);
};

const msBetween = (from: string, to: string) => Date.parse(to) - Date.parse(from);

const appCell = (): AppCell => ({
  applications: 0,
  completed: 0,
  withdrawn: 0,
  failed: 0,
  completedOnTime: 0,
  evaluations: 0,
  badReviews: 0,
  handlingMs: new Map(),
});
const branchCell = (): BranchCell => ({
  tasks: 0,
  decided: 0,
  decidedOnTime: 0,
  openDue: new Map(),
  handlingMs: new Map(),
  workingDays: new Map(),
});

function addBranch(cell: BranchCell, b: BranchFacts, sign: 1 | -1) {
  cell.tasks += sign;
  if (b.decision) {
    cell.decided += sign;
    if (b.decision.at <= b.decision.dueAt) cell.decidedOnTime += sign;
    bump(cell.handlingMs, msBetween(b.openedAt, b.decision.at), sign);
    bump(cell.workingDays, b.decision.workingDaysUsed, sign);
  } else if (!b.cancelled && !b.suspended) bump(cell.openDue, b.dueAt, sign);
}

/**
 * Adds (sign 1) or removes (sign -1) one application. With `department`, the summary is that
 * department's scope: only applications with a branch of it count, and only its branches.
 */
export function addApplication(s: DaySummary, a: ApplicationFacts, sign: 1 | -1, department?: string): void {
  if (department !== undefined && !a.branches.some((b) => b.department === department)) return;
  let cell = s.apps.get(a.serviceId);
  if (!cell) s.apps.set(a.serviceId, (cell = appCell()));
  cell.applications += sign;
  const completed = a.outcome === 'approved' || a.outcome === 'rejected';
  if (completed) {
    cell.completed += sign;
    if (a.dueAt !== undefined && a.endedAt! <= a.dueAt) cell.completedOnTime += sign;
    bump(cell.handlingMs, msBetween(a.submittedAt, a.endedAt!), sign);
  }
  if (a.outcome === 'withdrawn') cell.withdrawn += sign;
  if (a.outcome === 'failed') cell.failed += sign;
  cell.evaluations += sign * a.evaluations.length;
  cell.badReviews += sign * a.evaluations.filter((e) => e.level <= 2).length;
  if (cell.applications === 0) s.apps.delete(a.serviceId);
  let depts = s.branches.get(a.serviceId);
  if (!depts) s.branches.set(a.serviceId, (depts = new Map<string, BranchCell>()));
  for (const b of a.branches) {
    if (department !== undefined && b.department !== department) continue;
    let bc = depts.get(b.department);
    if (!bc) depts.set(b.department, (bc = branchCell()));
    addBranch(bc, b, sign);
    if (bc.tasks === 0) depts.delete(b.department);
  }
  if (depts.size === 0) s.branches.delete(a.serviceId);
}

const mergeMap = <K>(into: Map<K, number>, from: Map<K, number>) => {
  for (const [k, n] of from) bump(into, k, n);
};

/** Adds `from` into `into` (both exact, so the order of merging does not matter). */
export function mergeSummary(into: DaySummary, from: DaySummary): void {
  for (const [svc, c] of from.apps) {
    let cell = into.apps.get(svc);
    if (!cell) into.apps.set(svc, (cell = appCell()));
    cell.applications += c.applications;
    cell.completed += c.completed;
    cell.withdrawn += c.withdrawn;
    cell.failed += c.failed;
    cell.completedOnTime += c.completedOnTime;
    cell.evaluations += c.evaluations;
    cell.badReviews += c.badReviews;
    mergeMap(cell.handlingMs, c.handlingMs);
  }
  for (const [svc, depts] of from.branches) {
    let mine = into.branches.get(svc);
    if (!mine) into.branches.set(svc, (mine = new Map<string, BranchCell>()));
    for (const [dept, c] of depts) {
      let cell = mine.get(dept);
      if (!cell) mine.set(dept, (cell = branchCell()));
      cell.tasks += c.tasks;
      cell.decided += c.decided;
      cell.decidedOnTime += c.decidedOnTime;
      mergeMap(cell.openDue, c.openDue);
      mergeMap(cell.handlingMs, c.handlingMs);
      mergeMap(cell.workingDays, c.workingDays);
    }
  }
}

// ---- the report from a summary: the same figures as timeliness.ts, from counts and histograms

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** statsOf() of the values a histogram holds (each value `scale`d first, as the brute force divides). */
export function statsOfHistogram(h: Histogram, scale = 1): Stats {
  // A typed array sorts numbers natively: ~10x faster than a comparator over a year's ~100k values.
  const values = Float64Array.from(h.keys()).sort();
  let n = 0;
  for (const v of values) n += h.get(v)!;
  if (n === 0) return { avg: null, p50: null, p90: null };
  const rank50 = Math.max(1, Math.ceil((50 * n) / 100));
  const rank90 = Math.max(1, Math.ceil((90 * n) / 100));
  let sum = 0;
  let seen = 0;
  let p50 = 0;
  let p90 = 0;
  for (const raw of values) {
    const v = raw / scale;
    const count = h.get(raw)!;
    // Added one by one in ascending order: bit-identical to statsOf's sorted reduce.
    for (let i = 0; i < count; i++) sum += v;
    if (seen < rank50 && seen + count >= rank50) p50 = v;
    if (seen < rank90 && seen + count >= rank90) p90 = v;
    seen += count;
  }
  return { avg: round(sum / n, 1), p50: round(p50, 1), p90: round(p90, 1) };
}

function figuresOfCell(c: AppCell): Figures {
  return {
    applications: c.applications,
    completed: c.completed,
    withdrawn: c.withdrawn,
    inProgress: c.applications - c.completed - c.withdrawn - c.failed,
    failed: c.failed,
    completionRate: rate(c.completed, c.applications - c.withdrawn),
    completedOnTime: c.completedOnTime,
    onTimeRate: rate(c.completedOnTime, c.completed),
    handlingMinutes: statsOfHistogram(c.handlingMs, 60_000),
    evaluations: c.evaluations,
    badReviews: c.badReviews,
    satisfactionRate: c.evaluations === 0 ? null : round(1 - c.badReviews / c.evaluations, 4),
  };
}

function departmentOfCell(department: string, c: BranchCell, now: string): DepartmentFigures {
  let overdueOpen = 0;
  for (const [due, n] of c.openDue)
    if (isOverdueOpen({ dueAt: due, cancelled: false, suspended: false } as BranchFacts, now)) overdueOpen += n;
  return {
    department,
    tasks: c.tasks,
    decided: c.decided,
    decidedOnTime: c.decidedOnTime,
    overdueOpen,
    onTimeRate: rate(c.decidedOnTime, c.decided),
    handlingMinutes: statsOfHistogram(c.handlingMs, 60_000),
    workingDaysUsed: statsOfHistogram(c.workingDays),
  };
}

const sortedKeys = <V>(m: Map<string, V>) => [...m.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * The report from a merged summary: equal to `timelinessReport(apps, q, now)` over the
 * applications it summarises (a department summary when `q.department` is given; narrowed to
 * `serviceId` here when asked).
 */
export function reportFromSummary(
  s: DaySummary,
  q: { from: string; to: string; includeTests: boolean; serviceId?: string },
  now: Date,
): TimelinessReport {
  const services = sortedKeys(s.apps).filter((svc) => q.serviceId === undefined || svc === q.serviceId);
  const total = appCell();
  const byDept = new Map<string, BranchCell>();
  const only: DaySummary = { apps: new Map([['', total]]), branches: new Map([['', byDept]]) };
  for (const svc of services)
    mergeSummary(only, {
      apps: new Map([['', s.apps.get(svc)!]]),
      branches: new Map([['', s.branches.get(svc) ?? new Map<string, BranchCell>()]]),
    });
  const at = now.toISOString();
  return {
    from: q.from,
    to: q.to,
    generatedAt: at,
    includeTests: q.includeTests,
    totals: figuresOfCell(total),
    byService: services.map((serviceId) => ({ serviceId, ...figuresOfCell(s.apps.get(serviceId)!) })),
    byDepartment: sortedKeys(byDept).map((d) => departmentOfCell(d, byDept.get(d)!, at)),
  };
}

// ---- stored form: compact text, a row of a busy day stays a few kilobytes

/** Sorted values, delta-coded in base 36, `*count` when above 1: "a,3*2,k" (integers only). */
function packIntegers(h: Histogram): string {
  const values = [...Float64Array.from(h.keys()).sort()];
  let prev = 0;
  return values
    .map((v) => {
      const n = h.get(v)!;
      const s = (v - prev).toString(36) + (n === 1 ? '' : `*${n.toString(36)}`);
      prev = v;
      return s;
    })
    .join(',');
}

/** Adds a packed histogram's counts into `into` (a report merges ~730 rows: no Map per row). */
function addPackedIntegers(into: Histogram, s: string): void {
  if (s === '') return;
  let prev = 0;
  for (const part of s.split(',')) {
    const star = part.indexOf('*');
    prev += parseInt(star < 0 ? part : part.slice(0, star), 36);
    bump(into, prev, star < 0 ? 1 : parseInt(part.slice(star + 1), 36));
  }
}

/** Working days need not be integers in every calendar: fall back to exact decimal text. */
const packNumbers = (h: Histogram) => ([...h.keys()].every(Number.isSafeInteger) ? packIntegers(h) : { v: [...h.entries()] });
function addPackedNumbers(into: Histogram, p: string | { v: Array<[number, number]> }): void {
  if (typeof p === 'string') addPackedIntegers(into, p);
  else for (const [value, n] of p.v) bump(into, value, n);
}

type Packed = {
  a: Record<string, [number, number, number, number, number, number, number, string]>;
  b: Record<string, Record<string, [number, number, number, Record<string, number>, string, string | { v: Array<[number, number]> }]>>;
};

export function packSummary(s: DaySummary): string {
  const packed: Packed = { a: {}, b: {} };
  for (const [svc, c] of s.apps)
    packed.a[svc] = [
      c.applications,
      c.completed,
      c.withdrawn,
      c.failed,
      c.completedOnTime,
      c.evaluations,
      c.badReviews,
      packIntegers(c.handlingMs),
    ];
  for (const [svc, depts] of s.branches) {
    const out: Packed['b'][string] = {};
    for (const [d, c] of depts)
      out[d] = [c.tasks, c.decided, c.decidedOnTime, Object.fromEntries(c.openDue), packIntegers(c.handlingMs), packNumbers(c.workingDays)];
    packed.b[svc] = out;
  }
  return JSON.stringify(packed);
}

export const unpackSummary = (text: string): DaySummary => mergePackedSummary(emptySummary(), text);

/** mergeSummary(into, unpackSummary(text)) without building the row's maps first; returns `into`. */
export function mergePackedSummary(into: DaySummary, text: string): DaySummary {
  const p = JSON.parse(text) as Packed;
  for (const [svc, [applications, completed, withdrawn, failed, completedOnTime, evaluations, badReviews, ms]] of Object.entries(p.a)) {
    let cell = into.apps.get(svc);
    if (!cell) into.apps.set(svc, (cell = appCell()));
    cell.applications += applications;
    cell.completed += completed;
    cell.withdrawn += withdrawn;
    cell.failed += failed;
    cell.completedOnTime += completedOnTime;
    cell.evaluations += evaluations;
    cell.badReviews += badReviews;
    addPackedIntegers(cell.handlingMs, ms);
  }
  for (const [svc, depts] of Object.entries(p.b)) {
    let mine = into.branches.get(svc);
    if (!mine) into.branches.set(svc, (mine = new Map<string, BranchCell>()));
    for (const [d, [tasks, decided, decidedOnTime, open, ms, wd]] of Object.entries(depts)) {
      let cell = mine.get(d);
      if (!cell) mine.set(d, (cell = branchCell()));
      cell.tasks += tasks;
      cell.decided += decided;
      cell.decidedOnTime += decidedOnTime;
      for (const [due, n] of Object.entries(open)) bump(cell.openDue, due, n);
      addPackedIntegers(cell.handlingMs, ms);
      addPackedNumbers(cell.workingDays, wd);
    }
  }
  return into;
}
