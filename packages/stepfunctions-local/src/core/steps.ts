/**
 * The transitions of a turn: queued frames advance one state at a time until the queue is
 * empty or the turn's budget is spent. Each step runs in a savepoint, so a bug in one
 * execution fails that execution and leaves the rest of the turn intact.
 */
import { performance } from 'node:perf_hooks';
import { errorDetails } from '../interpreter/events';
import { step } from '../interpreter/runner';
import type { Exec } from '../interpreter/types';
import type { TurnTx } from '../store/turn-tx';
import type { ExecCache } from './exec-cache';
import type { TurnRuntime } from './runtime';

/** Transitions per turn, and the time after which a turn commits anyway (ms). */
const TURN_MAX_STEPS = 20_000;
const TURN_MAX_MS = 20;

export interface StepDeps {
  tx: TurnTx;
  rt: TurnRuntime;
  execs: ExecCache;
}

/** Runs queued frames until the queue is empty or the turn budget is spent. */
export async function runQueued(d: StepDeps, report: (err: unknown) => void): Promise<void> {
  const { tx, rt } = d;
  const deadline = performance.now() + TURN_MAX_MS;
  for (let n = 0; rt.queued > 0; n += 1) {
    if (n >= TURN_MAX_STEPS || ((n & 63) === 63 && performance.now() > deadline)) return;
    const work = rt.take();
    if (!work) return;
    const { exec, frame } = work;
    // Entries of aborted frames, ended executions and duplicates are skipped.
    if (exec.status !== 'RUNNING' || exec.frames.get(frame.id) !== frame || !rt.queuedFrames.has(frame)) continue;
    const resume = frame.pending ?? { kind: 'run' };
    frame.pending = undefined;
    rt.dequeued(frame);
    const state = exec.definition.machines.get(frame.machine)?.states.get(frame.state);
    const mark = tx.savepoint();
    try {
      if (!state) throw new Error(`State '${frame.state}' is not in the definition`);
      await step({ rt, exec, frame, state, resume });
      tx.release();
    } catch (err) {
      tx.undo(mark);
      report(err);
      failAfterBug(d, exec, err);
    }
  }
}

/** An unexpected exception in a step: the execution fails (States.Runtime), not the engine. */
function failAfterBug(d: StepDeps, exec: Exec, err: unknown): void {
  const { execs, rt } = d;
  exec.status = 'FAILED';
  for (const frame of exec.frames.values()) rt.dequeued(frame);
  rt.effects = rt.effects.filter((e) => e.execId !== exec.id);
  // The in-memory copy may be ahead of the rolled-back rows: reload it.
  execs.forget(exec.id);
  const fresh = execs.get(exec.id);
  if (fresh)
    rt.finish(
      fresh,
      'FAILED',
      errorDetails('States.Runtime', `Internal error in the local engine: ${(err as Error)?.message ?? String(err)}`),
    );
}
