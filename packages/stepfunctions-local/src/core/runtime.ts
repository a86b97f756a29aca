/**
 * The interpreter's `Runtime`: history events, timers, tokens, child frames and the end of
 * branches and executions, all written through the scheduler's open transaction.
 */
import type { Clock } from '../clock';
import { endBranch } from './branches';
import type { BranchResult, Effect, Exec, ExecStatus, Frame, Resume, Runtime, TimerKind } from '../interpreter/types';
import type { CatalogStore } from '../store/catalog-store';
import type { RunStore } from '../store/run-store';

export interface Work {
  exec: Exec;
  frame: Frame;
}

const END_EVENT: Record<Exclude<ExecStatus, 'RUNNING'>, string> = {
  SUCCEEDED: 'ExecutionSucceeded',
  FAILED: 'ExecutionFailed',
  ABORTED: 'ExecutionAborted',
  TIMED_OUT: 'ExecutionTimedOut',
};

/** The `Runtime` of the current turn, plus the queue of runnable frames. */
export class TurnRuntime implements Runtime {
  /** Runnable frames, FIFO; `head` avoids O(n) shifts. */
  private queue: Work[] = [];
  private head = 0;
  /** Frames waiting in the queue (the mark that lets their queue entry run). */
  readonly queuedFrames = new Map<Frame, Exec>();
  /** Queued frames whose row does not yet say how they resume: written before the commit. */
  private readonly unsaved = new Set<Frame>();
  effects: Effect[] = [];

  constructor(
    private readonly runs: RunStore,
    private readonly catalog: CatalogStore,
    private readonly clock: Clock,
    readonly region: string,
    readonly strictVariables = false,
  ) {}

  now(): number {
    return this.clock.now().getTime();
  }

  get queued(): number {
    return this.queue.length - this.head;
  }

  take(): Work | undefined {
    if (this.head >= this.queue.length) return undefined;
    const work = this.queue[this.head++];
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return work;
  }

  emit(exec: Exec, frame: Frame | null, type: string, details?: Record<string, unknown>): number {
    const id = ++exec.lastEventId;
    // AWS links an event to the previous one of the same branch, not of the execution.
    const previous = frame ? frame.lastEvent : id - 1;
    if (frame) frame.lastEvent = id;
    this.runs.insertEvent(exec.id, id, type, this.now(), previous, details ? JSON.stringify(details) : null);
    return id;
  }

  setTimer(exec: Exec, frame: Frame, kind: TimerKind, dueAt: number): void {
    this.runs.setTimer(frame.id, kind, exec.id, dueAt, frame.attempt);
  }

  clearTimer(frame: Frame, kind: TimerKind): void {
    this.runs.clearTimer(frame.id, kind);
  }

  issueToken(exec: Exec, frame: Frame, token: string): void {
    this.runs.insertToken(token, exec.id, frame.id, frame.attempt);
  }

  closeToken(token: string, status: 'done' | 'timedout'): void {
    this.runs.closeToken(token, status);
  }

  dispatch(effect: Effect): void {
    this.effects.push(effect);
  }

  spawn(exec: Exec, parent: Frame, machine: string, inputs: unknown[], running: number, firstIndex: number): void {
    const outer = parent.outer ? { ...parent.outer, ...parent.vars } : parent.vars;
    const compiled = exec.definition.machines.get(machine);
    if (!compiled) throw new Error(`Unknown machine '${machine}'`);
    inputs.forEach((input, i) => {
      const child: Frame = {
        id: 0,
        execId: exec.id,
        parentId: parent.id,
        index: firstIndex + i,
        machine,
        state: compiled.startAt,
        phase: 'enter',
        input,
        vars: {},
        outer,
        lastEvent: parent.lastEvent,
        entered: 0,
        enteredAt: 0,
        attempt: 0,
        retries: [],
      };
      child.id = this.runs.insertFrame(child, i < running ? 'run' : 'queued');
      if (i < running) this.start(exec, child);
    });
  }

  /** Starts a created child: Map iterations get their MapIterationStarted event. */
  start(exec: Exec, child: Frame): void {
    const owner = exec.definition.machines.get(child.machine)?.owner;
    if (owner?.type === 'Map') this.emit(exec, child, 'MapIterationStarted', { name: owner.state, index: child.index });
    this.requeue(exec, child);
  }

  collect(parent: Frame): unknown[] {
    return this.runs.collectChildren(parent.id);
  }

  save(exec: Exec, frame: Frame): void {
    this.runs.saveFrame(frame, frame.phase === 'children' ? (frame.width ?? 0) : 0);
    this.dequeued(frame);
    // Only frames with a side effect in flight stay in memory; waiting ones live on disk.
    if (frame.phase === 'task') exec.frames.set(frame.id, frame);
    else exec.frames.delete(frame.id);
  }

  requeue(exec: Exec, frame: Frame, resume?: Resume): void {
    if (resume) frame.pending = resume;
    exec.frames.set(frame.id, frame);
    this.queuedFrames.set(frame, exec);
    this.unsaved.add(frame);
    this.queue.push({ exec, frame });
  }

  /** The frame `id` of a running execution: the in-memory copy if there is one. */
  loadFrame(exec: Exec, id: number): Frame | undefined {
    return exec.frames.get(id) ?? this.runs.getFrame(id);
  }

  branchEnded(exec: Exec, frame: Frame, result: BranchResult): void {
    endBranch(this, this.runs, exec, frame, result);
  }

  /** Closes the execution: final event, row, and every frame, timer and token it had. */
  finish(exec: Exec, status: Exclude<ExecStatus, 'RUNNING'>, details: Record<string, unknown>, root: Frame | null = null): void {
    this.emit(exec, root, END_EVENT[status], details);
    const output = status === 'SUCCEEDED' ? (details.output as string) : null;
    const error = (details.error as string | undefined) ?? null;
    const cause = (details.cause as string | undefined) ?? null;
    this.catalog.closeExecution(exec.id, status, output, error, cause, this.now());
    this.runs.clearExecution(exec.id);
    exec.status = status;
    for (const frame of exec.frames.values()) this.dequeued(frame);
    exec.frames.clear();
  }

  /** Writes requeued frames that did not run in this turn, so a restart resumes them. */
  flush(): void {
    for (const frame of this.unsaved) {
      const exec = this.queuedFrames.get(frame);
      if (exec?.status === 'RUNNING') this.runs.saveFrame(frame);
    }
    this.unsaved.clear();
  }

  /** Forgets everything queued (after a rolled-back turn; the store is reloaded). */
  reset(): void {
    this.queue = [];
    this.head = 0;
    this.queuedFrames.clear();
    this.unsaved.clear();
    this.effects = [];
  }

  /** The frame is about to run: it leaves the queue (its step writes it). */
  dequeued(frame: Frame): void {
    this.queuedFrames.delete(frame);
    this.unsaved.delete(frame);
  }
}
