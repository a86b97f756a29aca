/**
 * The interpreter's explicit, serialisable state. A `Frame` is one running branch (the
 * execution itself, a Parallel branch or a Map iteration); it is stored as one row and
 * advanced one transition at a time, so a waiting execution costs no memory.
 */
import type { Variables } from '../expressions';
import type { CompiledDefinition, CompiledState } from '../definition/types';
import type { TaskResource } from '../tasks/resources';

export type Phase = 'enter' | 'exec' | 'task' | 'token' | 'wait' | 'retry' | 'children';

export interface TaskInFlight {
  input: unknown;
  token?: string;
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
}

export interface Frame {
  id: number;
  execId: number;
  parentId: number | null;
  /** Branch or iteration index within the parent. */
  index: number;
  machine: string;
  state: string;
  phase: Phase;
  /** The current state's raw input. */
  input: unknown;
  /** Variables assigned in this scope. */
  vars: Variables;
  /** Variables of the enclosing scopes, fixed while this branch runs (the parent is blocked). */
  outer: Variables | null;
  /** Id of this branch's latest history event: the next one's previousEventId (AWS). */
  lastEvent: number;
  /** Id of the current state's *StateEntered event (AWS quotes it in causes). */
  entered: number;
  enteredAt: number;
  /** Incremented on every dispatch: completions of an older attempt are ignored. */
  attempt: number;
  /** Attempts used, per retrier of the current state. */
  retries: number[];
  task?: TaskInFlight;
  /** How a runnable frame resumes (kept on disk so a restart resumes it the same way). */
  pending?: Resume;
  /** Map: number of iterations; Parallel: number of branches. */
  width?: number;
}

export type ExecStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** An execution being advanced; cached in memory only while it has runnable work. */
export interface Exec {
  id: number;
  arn: string;
  name: string;
  smArn: string;
  smName: string;
  roleArn: string;
  definition: CompiledDefinition;
  input: string;
  startedAt: number;
  lastEventId: number;
  status: ExecStatus;
  /** Frames of this execution that are in memory (runnable or with a side effect in flight). */
  frames: Map<number, Frame>;
  parsedInput?: unknown;
}

export type TimerKind = 'wait' | 'retry' | 'timeout' | 'heartbeat' | 'execution';

export type Resume =
  | { kind: 'run' }
  | { kind: 'timer'; timer: TimerKind }
  | { kind: 'redispatch' }
  | { kind: 'taskSucceeded'; output: unknown }
  | { kind: 'taskFailed'; error: string | null; cause: string | null }
  | { kind: 'taskSubmitted'; output: unknown }
  | { kind: 'children' }
  | { kind: 'childFailed'; error: string | null; cause: string | null };

export type Outcome =
  | { kind: 'next'; output: unknown; next?: string; assigned?: Variables }
  | { kind: 'park' }
  | { kind: 'error'; error: string | null; cause: string | null }
  | { kind: 'fail'; error: string | null; cause: string | null }
  | { kind: 'succeed'; output: unknown };

/** A side effect to run after the commit that recorded it. */
export interface Effect {
  execId: number;
  frameId: number;
  attempt: number;
  resource: TaskResource;
  input: unknown;
  token?: string;
  timeoutSeconds?: number;
  /** Name of the state, for logs. */
  state: string;
}

/** What state handlers may do besides computing: every write goes into the current turn. */
export interface Runtime {
  now(): number;
  region: string;
  /** Strict mode: a JSONata read of a variable no state assigned fails (engine option `strictVariables`). */
  strictVariables: boolean;
  /** Appends a history event; `frame` is the branch it belongs to (null: the execution's own). */
  emit(exec: Exec, frame: Frame | null, type: string, details?: Record<string, unknown>): number;
  setTimer(exec: Exec, frame: Frame, kind: TimerKind, dueAt: number): void;
  clearTimer(frame: Frame, kind: TimerKind): void;
  issueToken(exec: Exec, frame: Frame, token: string): void;
  closeToken(token: string, status: 'done' | 'timedout'): void;
  dispatch(effect: Effect): void;
  /** Creates child frames (queued ones start later, for Map's MaxConcurrency). */
  spawn(exec: Exec, parent: Frame, machine: string, inputs: unknown[], running: number, firstIndex: number): void;
  /** Outputs of a parent's finished children, in index order; removes them. */
  collect(parent: Frame): unknown[];
  /** Persists the frame (its status follows its phase). */
  save(exec: Exec, frame: Frame): void;
  /** Persists the frame and runs it again in this or the next turn. */
  requeue(exec: Exec, frame: Frame): void;
  /** A branch (or the execution) finished: notify the parent or close the execution. */
  branchEnded(exec: Exec, frame: Frame, result: BranchResult): void;
}

export type BranchResult = { ok: true; output: unknown } | { ok: false; error: string | null; cause: string | null };

export interface StepContext {
  rt: Runtime;
  exec: Exec;
  frame: Frame;
  state: CompiledState;
  resume: Resume;
}
