/**
 * Prepared statements for the moving parts of executions: frames, history events, task
 * tokens and timers. All calls are synchronous and run inside the scheduler's transaction.
 */
import type Database from 'better-sqlite3';
import type { TimerKind } from '../interpreter/types';
import { createEventBuffer } from './event-buffer';
import { createFrameStore } from './frame-store';
import type { Mark, TurnWrites } from './turn-tx';

export type { FrameStatus } from './frame-store';

export interface DueTimer {
  frame_id: number;
  kind: TimerKind;
  exec_id: number;
  attempt: number;
}
export interface TokenRow {
  token: string;
  exec_id: number;
  frame_id: number;
  attempt: number;
  status: string;
}

/** Statements on the writer connection; call only inside a scheduler turn. */
export function createRunStore(db: Database.Database) {
  const q = {
    deleteExecTimers: db.prepare('DELETE FROM timers WHERE exec_id = ?'),
    deleteExecTokens: db.prepare('DELETE FROM tokens WHERE exec_id = ?'),
    lastEvent: db.prepare('SELECT MAX(id) AS id FROM events WHERE exec_id = ?').pluck(),
    setTimer: db.prepare('INSERT OR REPLACE INTO timers (frame_id, kind, exec_id, due_at, attempt) VALUES (?, ?, ?, ?, ?)'),
    clearTimer: db.prepare('DELETE FROM timers WHERE frame_id = ? AND kind = ?'),
    dueTimers: db.prepare('SELECT frame_id, kind, exec_id, attempt FROM timers WHERE due_at <= ? ORDER BY due_at LIMIT ?'),
    nextDue: db.prepare('SELECT MIN(due_at) FROM timers').pluck(),
    timerDue: db.prepare('SELECT due_at FROM timers WHERE frame_id = ? AND kind = ?').pluck(),
    insertToken: db.prepare("INSERT INTO tokens (token, exec_id, frame_id, attempt, status) VALUES (?, ?, ?, ?, 'pending')"),
    getToken: db.prepare('SELECT * FROM tokens WHERE token = ?'),
    closeToken: db.prepare('UPDATE tokens SET status = ? WHERE token = ?'),
  };
  const events = createEventBuffer(db);
  const frames = createFrameStore(db);
  const held: TurnWrites = {
    mark: () => ({ events: events.mark(), frames: frames.fresh.mark() }),
    undo(mark: Mark) {
      events.truncate(mark.events);
      frames.fresh.undo(mark.frames);
    },
    flush() {
      frames.fresh.flush();
      events.flush();
    },
    clear() {
      frames.fresh.clear();
      events.clear();
    },
  };
  // A lower bound of the earliest timer's due time (null: no timer), so most turns need not
  // query for due timers: inserts lower it, deletes leave it (a bound that is too early only
  // costs one empty query), and `settleTimers` re-reads it between turns.
  let earliest = q.nextDue.get() as number | null;
  let timersFired = false;

  return {
    /** Frame rows and history events of the turn, written just before it commits. */
    held,
    ...frames,
    clearExecution(execId: number): void {
      frames.clearFrames(execId);
      q.deleteExecTimers.run(execId);
      q.deleteExecTokens.run(execId);
    },
    insertEvent(execId: number, id: number, type: string, at: number, previous: number, details: string | null): void {
      events.add(execId, id, type, at, previous, details);
    },
    lastEventId(execId: number): number {
      return Math.max((q.lastEvent.get(execId) as number | null) ?? 0, events.lastId(execId));
    },
    setTimer(frameId: number, kind: TimerKind, execId: number, dueAt: number, attempt: number): void {
      q.setTimer.run(frameId, kind, execId, dueAt, attempt);
      if (earliest === null || dueAt < earliest) earliest = dueAt;
    },
    clearTimer(frameId: number, kind: TimerKind): void {
      q.clearTimer.run(frameId, kind);
    },
    timerDue(frameId: number, kind: TimerKind): number | undefined {
      return (q.timerDue.get(frameId, kind) as number | undefined) ?? undefined;
    },
    /** Timers due at `now`, earliest first; the caller deletes each one it handles. */
    dueTimers(now: number, limit: number): DueTimer[] {
      if (earliest === null || earliest > now) return [];
      timersFired = true;
      return q.dueTimers.all(now, limit) as DueTimer[];
    },
    /** The earliest timer's due time or an earlier one (see `earliest`); null when there is none. */
    nextDue(): number | null {
      return earliest;
    },
    /**
     * Call between turns (no transaction open): re-reads the earliest timer after a turn that
     * fired timers or was rolled back (a rollback brings deleted rows back). Never inside a
     * turn: a savepoint rolled back after the re-read could restore an earlier timer.
     */
    settleTimers(rolledBack: boolean): void {
      if (!rolledBack && !timersFired) return;
      timersFired = false;
      earliest = q.nextDue.get() as number | null;
    },
    insertToken(token: string, execId: number, frameId: number, attempt: number): void {
      q.insertToken.run(token, execId, frameId, attempt);
    },
    getToken(token: string): TokenRow | undefined {
      return q.getToken.get(token) as TokenRow | undefined;
    },
    closeToken(token: string, status: 'done' | 'timedout'): void {
      q.closeToken.run(status, token);
    },
  };
}

export type RunStore = ReturnType<typeof createRunStore>;
