/**
 * The timeliness report (PRODUCT.md "Supervision", fixed definitions), from the facts of the
 * applications SUBMITTED in the period as they stand now. Pure.
 */
import type { ApplicationFacts, BranchFacts } from './facts';

export interface Stats {
  avg: number | null;
  p50: number | null;
  p90: number | null;
}

export interface Figures {
  applications: number;
  completed: number;
  withdrawn: number;
  inProgress: number;
  /** Ended by the platform after an error: final, neither completed nor withdrawn nor in progress. */
  failed: number;
  completionRate: number | null;
  completedOnTime: number;
  onTimeRate: number | null;
  handlingMinutes: Stats;
  evaluations: number;
  badReviews: number;
  satisfactionRate: number | null;
}

export interface DepartmentFigures {
  department: string;
  tasks: number;
  decided: number;
  decidedOnTime: number;
  overdueOpen: number;
  onTimeRate: number | null;
  handlingMinutes: Stats;
  workingDaysUsed: Stats;
}

export interface TimelinessReport {
  from: string;
  to: string;
  generatedAt: string;
  includeTests: boolean;
  totals: Figures;
  byService: Array<{ serviceId: string } & Figures>;
  byDepartment: DepartmentFigures[];
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
/** A fraction rounded to 4 decimals; an empty denominator is null. */
export const rate = (num: number, den: number): number | null => (den === 0 ? null : round(num / den, 4));

/** Nearest rank: the value at rank ceil(p*n/100) of the n values sorted ascending. */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(1, Math.ceil((p * sorted.length) / 100)) - 1]!;
}

/** avg/p50/p90 of raw values, each rounded to 1 decimal at the end; null when there are none. */
export function statsOf(values: readonly number[]): Stats {
  if (values.length === 0) return { avg: null, p50: null, p90: null };
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return { avg: round(sum / sorted.length, 1), p50: round(nearestRank(sorted, 50)!, 1), p90: round(nearestRank(sorted, 90)!, 1) };
}

const minutesBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;

function figuresOf(apps: readonly ApplicationFacts[]): Figures {
  const completed = apps.filter((a) => a.outcome === 'approved' || a.outcome === 'rejected');
  const withdrawn = apps.filter((a) => a.outcome === 'withdrawn').length;
  const failed = apps.filter((a) => a.outcome === 'failed').length;
  const onTime = completed.filter((a) => a.dueAt !== undefined && a.endedAt! <= a.dueAt).length;
  const evaluations = apps.flatMap((a) => a.evaluations);
  const bad = evaluations.filter((e) => e.level <= 2).length;
  return {
    applications: apps.length,
    completed: completed.length,
    withdrawn,
    inProgress: apps.length - completed.length - withdrawn - failed,
    failed,
    completionRate: rate(completed.length, apps.length - withdrawn),
    completedOnTime: onTime,
    onTimeRate: rate(onTime, completed.length),
    handlingMinutes: statsOf(completed.map((a) => minutesBetween(a.submittedAt, a.endedAt!))),
    evaluations: evaluations.length,
    badReviews: bad,
    satisfactionRate: evaluations.length === 0 ? null : round(1 - bad / evaluations.length, 4),
  };
}

/** Open (not finally decided, not cancelled, not waiting for the applicant) past its due date. */
export const isOverdueOpen = (b: BranchFacts, now: string) => !b.decision && !b.cancelled && !b.suspended && now > b.dueAt;

function departmentFigures(department: string, branches: readonly BranchFacts[], now: string): DepartmentFigures {
  const decided = branches.filter((b) => b.decision);
  const onTime = decided.filter((b) => b.decision!.at <= b.decision!.dueAt).length;
  return {
    department,
    tasks: branches.length,
    decided: decided.length,
    decidedOnTime: onTime,
    overdueOpen: branches.filter((b) => isOverdueOpen(b, now)).length,
    onTimeRate: rate(onTime, decided.length),
    handlingMinutes: statsOf(decided.map((b) => minutesBetween(b.openedAt, b.decision!.at))),
    workingDaysUsed: statsOf(decided.map((b) => b.decision!.workingDaysUsed)),
  };
}

const byKey = <T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> => {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(key(item));
    if (list) list.push(item);
    else out.set(key(item), [item]);
  }
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
};

/**
 * The report over `apps` (already narrowed to the period, the service and tests as asked).
 * With `department`, only applications with a branch of it count, and only its figures are listed.
 */
export function timelinessReport(
  apps: readonly ApplicationFacts[],
  q: { from: string; to: string; includeTests: boolean; department?: string },
  now: Date,
): TimelinessReport {
  const scoped = q.department === undefined ? apps : apps.filter((a) => a.branches.some((b) => b.department === q.department));
  const branches = scoped.flatMap((a) => a.branches).filter((b) => q.department === undefined || b.department === q.department);
  const at = now.toISOString();
  return {
    from: q.from,
    to: q.to,
    generatedAt: at,
    includeTests: q.includeTests,
    totals: figuresOf(scoped),
    byService: [...byKey(scoped, (a) => a.serviceId)].map(([serviceId, list]) => ({ serviceId, ...figuresOf(list) })),
    byDepartment: [...byKey(branches, (b) => b.department)].map(([dept, list]) => departmentFigures(dept, list, at)),
  };
}
