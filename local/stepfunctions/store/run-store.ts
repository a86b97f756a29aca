/**
 * Prepared statements for the moving parts of executions: frames, history events, task
 * tokens and timers. All calls are synchronous and run inside the scheduler's transaction.
 */
import type Database from 'better-sqlite3';
import type { Frame, Phase, TimerKind } from '../interpreter/types';

export type FrameStatus = 'run' | 'task' | 'token' | 'timer' | 'children' | 'queued' | 'done';

const STATUS: Record<Phase, FrameStatus> = {
  enter: 'run', exec: 'run', task: 'task', token: 'token', wait: 'timer', retry: 'timer', children: 'children',
};

type Row = { id: number; exec_id: number; parent_id: number | null; idx: number; status: FrameStatus; data: string };

export interface DueTimer { frame_id: number; kind: TimerKind; exec_id: number; attempt: number }
export interface TokenRow { token: string; exec_id: number; frame_id: number; attempt: number; status: string }

/** Serialised frame fields (the row columns hold the rest). */
function frameData(f: Frame): string {
  const { id: _id, execId: _e, parentId: _p, index: _i, ...rest } = f;
  return JSON.stringify(rest);
}

function toFrame(row: Row): Frame {
  return { ...JSON.parse(row.data), id: row.id, execId: row.exec_id, parentId: row.parent_id, index: row.idx };
}

/** Statements on the writer connection; call only inside a scheduler turn. */
export function createRunStore(db: Database.Database) {
  const q = {
    insertFrame: db.prepare('INSERT INTO frames (exec_id, parent_id, idx, status, pending, data) VALUES (?, ?, ?, ?, ?, ?)'),
    updateFrame: db.prepare('UPDATE frames SET status = ?, pending = ?, data = ? WHERE id = ?'),
    getFrame: db.prepare('SELECT * FROM frames WHERE id = ?'),
    setStatus: db.prepare('UPDATE frames SET status = ?, data = ? WHERE id = ?'),
    decPending: db.prepare('UPDATE frames SET pending = pending - 1 WHERE id = ? RETURNING pending'),
    nextQueued: db.prepare("SELECT * FROM frames WHERE parent_id = ? AND status = 'queued' ORDER BY idx LIMIT 1"),
    children: db.prepare('SELECT id, idx, status, data FROM frames WHERE parent_id = ? ORDER BY idx'),
    descendants: db.prepare(
      'WITH RECURSIVE d(id, idx, status, depth) AS (SELECT id, idx, status, 1 FROM frames WHERE parent_id = ? ' +
        'UNION ALL SELECT f.id, f.idx, f.status, d.depth + 1 FROM frames f JOIN d ON f.parent_id = d.id) SELECT id, idx, status, depth FROM d',
    ),
    deleteFrame: db.prepare('DELETE FROM frames WHERE id = ?'),
    deleteFrameTimers: db.prepare('DELETE FROM timers WHERE frame_id = ?'),
    deleteFrameTokens: db.prepare('DELETE FROM tokens WHERE frame_id = ?'),
    resumable: db.prepare("SELECT * FROM frames WHERE status IN ('run', 'task')"),
    deleteExecFrames: db.prepare('DELETE FROM frames WHERE exec_id = ?'),
    deleteExecTimers: db.prepare('DELETE FROM timers WHERE exec_id = ?'),
    deleteExecTokens: db.prepare('DELETE FROM tokens WHERE exec_id = ?'),
    insertEvent: db.prepare('INSERT INTO events (exec_id, id, type, at, previous_id, details) VALUES (?, ?, ?, ?, ?, ?)'),
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

  return {
    insertFrame(f: Frame, status: FrameStatus, pending = 0): number {
      return Number(q.insertFrame.run(f.execId, f.parentId, f.index, status, pending, frameData(f)).lastInsertRowid);
    },
    /** A frame with a pending resume is runnable whatever its phase. */
    saveFrame(f: Frame, pending = 0): void {
      q.updateFrame.run(f.pending ? 'run' : STATUS[f.phase], pending, frameData(f), f.id);
    },
    /** Marks a finished child; its output waits there for the parent. */
    frameDone(id: number, output: unknown): void {
      q.setStatus.run('done', JSON.stringify(output ?? null), id);
    },
    getFrame(id: number): Frame | undefined {
      const row = q.getFrame.get(id) as Row | undefined;
      return row && row.status !== 'done' && row.status !== 'queued' ? toFrame(row) : undefined;
    },
    /** One fewer running child; returns how many remain. */
    childFinished(parentId: number): number {
      return (q.decPending.get(parentId) as { pending: number }).pending;
    },
    /** Takes the next not-yet-started iteration of a Map, if any. */
    startNextQueued(parentId: number): Frame | undefined {
      const row = q.nextQueued.get(parentId) as Row | undefined;
      return row ? toFrame(row) : undefined;
    },
    /** Outputs of finished children in index order, then deletes them. */
    collectChildren(parentId: number): unknown[] {
      const rows = q.children.all(parentId) as Row[];
      for (const row of rows) q.deleteFrame.run(row.id);
      return rows.map((row) => JSON.parse(row.data));
    },
    /** Deletes every descendant of `parentId` with its timers and tokens; returns them. */
    deleteDescendants(parentId: number): { id: number; idx: number; status: FrameStatus; depth: number }[] {
      const rows = q.descendants.all(parentId) as { id: number; idx: number; status: FrameStatus; depth: number }[];
      for (const row of rows) {
        q.deleteFrame.run(row.id);
        q.deleteFrameTimers.run(row.id);
        q.deleteFrameTokens.run(row.id);
      }
      return rows;
    },
    deleteFrame(id: number): void {
      q.deleteFrame.run(id);
      q.deleteFrameTimers.run(id);
    },
    resumableFrames(): Frame[] {
      return (q.resumable.all() as Row[]).map(toFrame);
    },
    clearExecution(execId: number): void {
      q.deleteExecFrames.run(execId);
      q.deleteExecTimers.run(execId);
      q.deleteExecTokens.run(execId);
    },
    insertEvent(execId: number, id: number, type: string, at: number, previous: number, details: string | null): void {
      q.insertEvent.run(execId, id, type, at, previous, details);
    },
    lastEventId(execId: number): number {
      return (q.lastEvent.get(execId) as number | null) ?? 0;
    },
    setTimer(frameId: number, kind: TimerKind, execId: number, dueAt: number, attempt: number): void {
      q.setTimer.run(frameId, kind, execId, dueAt, attempt);
    },
    clearTimer(frameId: number, kind: TimerKind): void {
      q.clearTimer.run(frameId, kind);
    },
    timerDue(frameId: number, kind: TimerKind): number | undefined {
      return (q.timerDue.get(frameId, kind) as number | undefined) ?? undefined;
    },
    /** Timers due at `now`, earliest first; the caller deletes each one it handles. */
    dueTimers(now: number, limit: number): DueTimer[] {
      return q.dueTimers.all(now, limit) as DueTimer[];
    },
    nextDue(): number | null {
      return q.nextDue.get() as number | null;
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
