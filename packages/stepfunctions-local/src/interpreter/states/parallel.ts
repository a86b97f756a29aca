/** Parallel: runs every branch on the same input; the result is the array of their outputs. */
import { effectiveInput, stateOutput } from '../dataflow';
import type { Outcome, StepContext } from '../types';

/** Starts the branches, then turns their outcome into the state's result or error. */
export async function runParallel(s: StepContext): Promise<Outcome> {
  const { rt, exec, frame, state } = s;
  const r = s.resume;
  if (r.kind === 'children') {
    const results = rt.collect(frame);
    rt.emit(exec, frame, 'ParallelStateSucceeded');
    return { kind: 'next', ...(await stateOutput(s, results, { hasResultPath: true, jsonataDefault: results, withResult: true })) };
  }
  if (r.kind === 'childFailed') {
    rt.emit(exec, frame, 'ParallelStateFailed');
    return { kind: 'error', error: r.error as string, cause: r.cause };
  }
  const input = await effectiveInput(s);
  const branches = state.branches ?? [];
  rt.emit(exec, frame, 'ParallelStateStarted');
  frame.phase = 'children';
  frame.width = branches.length;
  branches.forEach((machine, i) => rt.spawn(exec, frame, machine, [input], 1, i));
  return { kind: 'park' };
}
