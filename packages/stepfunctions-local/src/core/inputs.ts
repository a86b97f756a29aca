/**
 * What wakes frames up at the start of a turn: completions of side effects, fired timers
 * and API commands (task tokens). Each is delivered at most once per frame attempt.
 */
import type { Exec, Frame, Resume } from '../interpreter/types';
import type { RunStore } from '../store/run-store';
import type { Completion } from './effects';
import type { ExecCache } from './exec-cache';
import { errorDetails } from '../interpreter/events';
import type { TurnRuntime } from './runtime';

const TIMERS_PER_TURN = 1_000;

export interface InputDeps {
  runs: RunStore;
  execs: ExecCache;
  rt: TurnRuntime;
  now: () => number;
}

/**
 * Queues `frame` with `resume`. A frame already queued keeps its resume, except that a
 * final outcome (token, timeout) replaces a pending "Lambda returned" (TaskSubmitted).
 */
export function deliver(rt: TurnRuntime, exec: Exec, frame: Frame, resume: Resume): void {
  if (frame.pending && frame.pending.kind !== 'taskSubmitted') return;
  if (frame.pending) {
    frame.pending = resume;
    return;
  }
  rt.requeue(exec, frame, resume);
}

/** A side effect finished; completions of an older attempt (timed out, retried, aborted) are dropped. */
export function applyCompletion(d: InputDeps, c: Completion): void {
  const exec = d.execs.get(c.execId);
  if (!exec) return;
  const frame = d.rt.loadFrame(exec, c.frameId);
  if (!frame?.task || frame.attempt !== c.attempt || frame.phase !== 'task') return;
  deliver(d.rt, exec, frame, c.resume);
}

/** Fires the timers due now, earliest first; returns how many it looked at. */
export function fireDueTimers(d: InputDeps): number {
  const { runs, execs, rt } = d;
  const due = runs.dueTimers(d.now(), TIMERS_PER_TURN);
  for (const t of due) {
    runs.clearTimer(t.frame_id, t.kind);
    const exec = execs.get(t.exec_id);
    if (!exec) continue;
    if (t.kind === 'execution') {
      rt.finish(exec, 'TIMED_OUT', errorDetails('States.Timeout', 'The execution timed out'));
      continue;
    }
    const frame = rt.loadFrame(exec, t.frame_id);
    if (!frame) continue;
    const expected =
      t.kind === 'wait' || t.kind === 'retry' ? frame.phase === t.kind : frame.task !== undefined && frame.attempt === t.attempt;
    if (expected) deliver(rt, exec, frame, { kind: 'timer', timer: t.kind });
  }
  return due.length;
}
