/**
 * The clocks of a staged service (docs/CALENDAR.md "Staged services"): a branch's limit starts
 * when its stage opens; a branch not yet open gets a projected due date from its earlier
 * stages; the application's combined due date is the latest branch due date along the
 * stages, i.e. the critical path through the DAG as the state machine runs it.
 */
import { stagesOf } from '../../workflows/stages';
import type { ServiceDefinition } from '../../workflows/types';
import type { WorkingCalendar } from '../calendar';
import type { TaskRecord } from './records';

type TaskClock = Pick<TaskRecord, 'department' | 'status' | 'dueAt' | 'decidedAt'>;

export interface BranchClock {
  department: string;
  /** The task's due date once open; projected from the earlier stages before. */
  dueAt: string;
  projected: boolean;
  approved: boolean;
  /** For a branch not yet open: the departments of earlier stages that have not approved yet. */
  waitingFor: string[];
}

const latest = (instants: readonly string[]): string => instants.reduce((a, b) => (b > a ? b : a));

/**
 * Every branch's clock, stage by stage. A stage opens when its previous stage ends: at the
 * last approval once all approved, else at the last instant its open branches may still
 * decide in time (their `dueAt` − 1 ms: decided on their due day, the next stage's days are
 * counted from the day after) and never before `now`. The first stage opens at `openedAt`
 * (submission; intake opens it a moment later, on the same day unless submitted at midnight).
 */
export function stageClocks(
  def: Pick<ServiceDefinition, 'departments'>,
  calendar: Pick<WorkingCalendar, 'dueAt'>,
  openedAt: Date,
  tasks: readonly TaskClock[],
  now: Date,
): BranchClock[] {
  const clocks: BranchClock[] = [];
  let opensAt = openedAt.getTime();
  let waiting: string[] = [];
  for (const stage of stagesOf(def)) {
    let endsAt = opensAt;
    const undecided: string[] = [];
    for (const dept of stage) {
      const task = tasks.find((t) => t.department === dept.id);
      const dueAt = task ? task.dueAt : calendar.dueAt(new Date(opensAt), dept.timeLimitWorkingDays).dueAt.toISOString();
      const approvedAt = task?.status === 'approved' && task.decidedAt !== undefined ? Date.parse(task.decidedAt) : undefined;
      if (approvedAt === undefined) undecided.push(dept.id);
      endsAt = Math.max(endsAt, approvedAt ?? Math.max(Date.parse(dueAt) - 1, now.getTime()));
      clocks.push({
        department: dept.id,
        dueAt,
        projected: !task,
        approved: approvedAt !== undefined,
        waitingFor: task ? [] : [...waiting],
      });
    }
    waiting = [...waiting, ...undecided];
    opensAt = endsAt;
  }
  return clocks;
}

/**
 * The combined due date of a staged application: the latest due date (open or projected) of
 * the branches not yet approved, since an approved branch no longer holds anything up; once
 * all have approved, the latest of all.
 */
export const stagedDueAt = (clocks: readonly BranchClock[]): string => {
  const undecided = clocks.filter((c) => !c.approved);
  return latest((undecided.length > 0 ? undecided : clocks).map((c) => c.dueAt));
};
