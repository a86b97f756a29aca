/**
 * The scheduler: one "turn" = one sqlite transaction holding every write the turn made
 * (API commands, completions, fired timers, and as many transitions as fit in the budget).
 * Side effects start only after that commit. A Node timer wakes it for the next due timer.
 */
import type { Effect, Exec, Frame, Resume } from '../interpreter/types';
import type { RunStore } from '../store/run-store';
import type { TurnTx } from '../store/turn-tx';
import type { Completion } from './effects';
import type { ExecCache } from './exec-cache';
import { applyCompletion, deliver, fireDueTimers } from './inputs';
import { runQueued } from './steps';
import type { TurnRuntime } from './runtime';

const MAX_NODE_DELAY = 2 ** 31 - 1;
const FAILED_TURN_PAUSE_MS = 100;

interface Command {
  fn: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

export interface SchedulerDeps {
  tx: TurnTx;
  runs: RunStore;
  execs: ExecCache;
  rt: TurnRuntime;
  now: () => number;
  startEffect: (effect: Effect, complete: (c: Completion) => void) => void;
  onInternalError: (err: unknown) => void;
}

/** Runs turns; see the module comment. */
export class Scheduler {
  private commands: Command[] = [];
  private completions: Completion[] = [];
  private inFlight = 0;
  private running = false;
  private scheduled = false;
  private closed = false;
  private waiters: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private turnDone: Promise<void> = Promise.resolve();

  constructor(private readonly d: SchedulerDeps) {}

  /** Reports a bug without letting the reporter break the scheduler. */
  private report(err: unknown): void {
    try {
      this.d.onInternalError(err);
    } catch {
      // The reporter itself failed; the turn's outcome already says what went wrong.
    }
  }

  /** Runs `fn` inside the next turn's transaction; resolves after that turn committed. */
  command<T>(fn: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The Step Functions engine is closed'));
    return new Promise<T>((resolve, reject) => {
      this.commands.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      this.kick();
    });
  }

  /** Queues frames that were runnable or had a side effect in flight when the store was last closed. */
  resume(): void {
    if (this.closed) return;
    for (const stored of this.d.runs.resumableFrames()) {
      const exec = this.d.execs.get(stored.execId);
      if (!exec) continue;
      const pending: Resume = stored.phase === 'task' && !stored.pending ? { kind: 'redispatch' } : (stored.pending ?? { kind: 'run' });
      this.d.rt.requeue(exec, stored, pending);
    }
    this.kick();
  }

  /** Queues a frame woken by an API command (see inputs.ts for the rules). */
  deliver(exec: Exec, frame: Frame, resume: Resume): void {
    deliver(this.d.rt, exec, frame, resume);
  }

  kick(): void {
    if (this.scheduled || this.running || this.closed) return;
    this.scheduled = true;
    setImmediate(() => {
      this.turnDone = this.turn();
    });
  }

  /** Side-effect calls started and not yet answered. */
  get callsInFlight(): number {
    return this.inFlight;
  }

  /** Resolves when nothing is runnable, due or in flight. */
  idle(): Promise<void> {
    if (!this.busy()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.running || this.scheduled) {
      await this.turnDone;
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (const c of this.commands.splice(0)) c.reject(new Error('The Step Functions engine is closed'));
  }

  private busy(): boolean {
    return this.running || this.scheduled || this.hasWork() || this.inFlight > 0;
  }

  private hasWork(): boolean {
    if (this.commands.length > 0 || this.completions.length > 0 || this.d.rt.queued > 0) return true;
    const due = this.d.runs.nextDue();
    return due !== null && due <= this.d.now();
  }

  private async turn(): Promise<void> {
    this.scheduled = false;
    if (this.closed) return;
    this.running = true;
    const { tx, rt, runs } = this.d;
    const commands = this.commands.splice(0);
    const completions = this.completions.splice(0);
    const results: { ok: boolean; value: unknown }[] = [];
    let failed = false;
    try {
      tx.begin();
      for (const c of commands) results.push(this.inSavepoint(c.fn));
      for (const c of completions) applyCompletion(this.d, c);
      fireDueTimers(this.d);
      await runQueued(this.d, (err) => this.report(err));
      rt.flush();
      tx.commit();
    } catch (err) {
      // Only an I/O failure or a bug gets here: nothing of this turn is kept, callers see
      // the error, and the in-memory state is rebuilt from the last commit.
      failed = true;
      tx.rollback();
      this.report(err);
      results.length = 0;
      for (let i = 0; i < commands.length; i += 1) results.push({ ok: false, value: err });
      rt.reset();
      this.d.execs.clear();
    }
    runs.settleTimers(failed);
    commands.forEach((c, i) => {
      const result = results[i]!; // one result per command
      if (result.ok) c.resolve(result.value);
      else c.reject(result.value);
    });
    this.startEffects();
    this.d.execs.evictIdle();
    this.armTimer();
    this.running = false;
    if (failed) {
      // Reload what the store says is runnable, a little later (the disk may be full).
      setTimeout(() => this.resume(), FAILED_TURN_PAUSE_MS).unref();
    } else if (this.hasWork()) this.kick();
    else if (this.inFlight === 0) for (const w of this.waiters.splice(0)) w();
  }

  private inSavepoint(fn: () => unknown): { ok: boolean; value: unknown } {
    const { tx } = this.d;
    const mark = tx.savepoint();
    try {
      const value = fn();
      tx.release();
      return { ok: true, value };
    } catch (err) {
      tx.undo(mark);
      return { ok: false, value: err };
    }
  }

  private startEffects(): void {
    const { rt, execs } = this.d;
    const effects = rt.effects;
    rt.effects = [];
    // Closing: the calls stay recorded as in flight and run at the next open.
    if (this.closed) return;
    for (const effect of effects) {
      const frame = execs.get(effect.execId)?.frames.get(effect.frameId);
      if (!frame?.task || frame.attempt !== effect.attempt) continue;
      this.inFlight += 1;
      this.d.startEffect(effect, (c) => {
        this.inFlight -= 1;
        if (this.closed) return;
        this.completions.push(c);
        this.kick();
        if (!this.busy()) for (const w of this.waiters.splice(0)) w();
      });
    }
  }

  private armTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const due = this.d.runs.nextDue();
    if (due === null || this.closed) return;
    const delay = due - this.d.now();
    if (delay <= 0) return;
    this.timer = setTimeout(() => this.kick(), Math.min(delay, MAX_NODE_DELAY));
    this.timer.unref();
  }
}
