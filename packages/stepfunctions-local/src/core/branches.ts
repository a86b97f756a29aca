/**
 * The end of a branch: the execution's own branch closes the execution; a Parallel branch
 * or Map iteration reports to its parent (results kept on disk until the parent collects
 * them; a failure aborts the siblings and fails the parent state).
 */
import type { BranchResult, Exec, Frame } from '../interpreter/types';
import type { RunStore } from '../store/run-store';
import { errorDetails, json } from '../interpreter/events';
import type { TurnRuntime } from './runtime';

/** Handles a finished branch (see the module comment). */
export function endBranch(rt: TurnRuntime, runs: RunStore, exec: Exec, frame: Frame, result: BranchResult): void {
  rt.dequeued(frame);
  exec.frames.delete(frame.id);
  if (frame.parentId === null) {
    if (result.ok) return rt.finish(exec, 'SUCCEEDED', { output: json(result.output), outputDetails: { truncated: false } }, frame);
    return rt.finish(exec, 'FAILED', errorDetails(result.error, result.cause), frame);
  }
  const owner = exec.definition.machines.get(frame.machine)?.owner;
  const parent = rt.loadFrame(exec, frame.parentId);
  if (!owner || !parent) throw new Error(`Frame ${frame.id} has no parent to report to`);
  const isMap = owner.type === 'Map';
  if (result.ok) {
    runs.frameDone(frame.id, result.output);
    if (isMap) {
      rt.emit(exec, frame, 'MapIterationSucceeded', { name: owner.state, index: frame.index });
      const next = runs.startNextQueued(parent.id);
      if (next) rt.start(exec, next);
    }
    if (runs.childFinished(parent.id) === 0) {
      parent.lastEvent = frame.lastEvent;
      rt.requeue(exec, parent, { kind: 'children' });
    }
    return;
  }
  if (isMap) rt.emit(exec, frame, 'MapIterationFailed', { name: owner.state, index: frame.index });
  runs.deleteFrame(frame.id);
  for (const row of runs.deleteDescendants(parent.id)) {
    const sibling = exec.frames.get(row.id);
    if (sibling) {
      exec.frames.delete(row.id);
      rt.dequeued(sibling);
    }
    if (isMap && row.depth === 1 && row.status !== 'queued' && row.status !== 'done') {
      rt.emit(exec, null, 'MapIterationAborted', { name: owner.state, index: row.idx });
    }
  }
  parent.lastEvent = frame.lastEvent;
  rt.requeue(exec, parent, { kind: 'childFailed', error: result.error, cause: result.cause });
}
