/**
 * Frame rows: the position of every running branch. Rows created in the current turn stay
 * in memory (fresh-frames.ts) until just before its commit; older rows are read and written
 * on disk. Every call runs inside the scheduler's transaction.
 */
import type Database from 'better-sqlite3';
import type { Frame, Phase } from '../interpreter/types';
import { createFreshFrames, type FrameRow } from './fresh-frames';

export type FrameStatus = 'run' | 'task' | 'token' | 'timer' | 'children' | 'queued' | 'done';

const STATUS: Record<Phase, FrameStatus> = {
  enter: 'run',
  exec: 'run',
  task: 'task',
  token: 'token',
  wait: 'timer',
  retry: 'timer',
  children: 'children',
};

export interface Descendant {
  id: number;
  idx: number;
  status: FrameStatus;
  depth: number;
}

/** Serialised frame fields (the row columns hold the rest). */
function frameData(f: Frame): string {
  const { id: _id, execId: _e, parentId: _p, index: _i, ...rest } = f;
  return JSON.stringify(rest);
}

function toFrame(row: FrameRow): Frame {
  return { ...JSON.parse(row.data), id: row.id, execId: row.exec_id, parentId: row.parent_id, index: row.idx };
}

/** The order in which the disk's descendant query lists a parent's children (its index). */
function byStatusThenIndex(a: FrameRow, b: FrameRow): number {
  return a.status < b.status ? -1 : a.status > b.status ? 1 : a.idx - b.idx;
}

/** Frame statements on the writer connection; call only inside a scheduler turn. */
export function createFrameStore(db: Database.Database) {
  const q = {
    maxId: db.prepare('SELECT COALESCE(MAX(id), 0) FROM frames').pluck(),
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
    markStarted: db.prepare("UPDATE frames SET status = 'run' WHERE id = ?"),
    deleteFrame: db.prepare('DELETE FROM frames WHERE id = ?'),
    deleteFrameTimers: db.prepare('DELETE FROM timers WHERE frame_id = ?'),
    deleteFrameTokens: db.prepare('DELETE FROM tokens WHERE frame_id = ?'),
    resumable: db.prepare("SELECT * FROM frames WHERE status IN ('run', 'task')"),
    deleteExecFrames: db.prepare('DELETE FROM frames WHERE exec_id = ?'),
  };
  const fresh = createFreshFrames(db);
  // Ids are handed out here (rows are inserted later); one writer, so no other inserts race.
  let nextId = (q.maxId.get() as number) + 1;

  /** Fresh descendants below `roots` (pairs of id and depth), breadth first. */
  function freshDescendants(roots: { id: number; depth: number }[]): Descendant[] {
    const found: Descendant[] = [];
    const queue = [...roots];
    for (let i = 0; i < queue.length; i += 1) {
      const parent = queue[i]!; // i < queue.length
      for (const child of fresh.children(parent.id).sort(byStatusThenIndex)) {
        const depth = parent.depth + 1;
        found.push({ id: child.id, idx: child.idx, status: child.status as FrameStatus, depth });
        queue.push({ id: child.id, depth });
      }
    }
    return found;
  }

  return {
    /** The rows of this turn still in memory: savepoint marks, and the insert before commit. */
    fresh,
    insertFrame(f: Frame, status: FrameStatus, pending = 0): number {
      const id = nextId++;
      fresh.add({ id, exec_id: f.execId, parent_id: f.parentId, idx: f.index, status, pending, data: frameData(f) });
      return id;
    },
    /** A frame with a pending resume is runnable whatever its phase. */
    saveFrame(f: Frame, pending = 0): void {
      const status = f.pending ? 'run' : STATUS[f.phase];
      const data = frameData(f);
      if (!fresh.update(f.id, { status, pending, data })) q.updateFrame.run(status, pending, data, f.id);
    },
    /** Marks a finished child; its output waits there for the parent. */
    frameDone(id: number, output: unknown): void {
      const data = JSON.stringify(output ?? null);
      if (!fresh.update(id, { status: 'done', data })) q.setStatus.run('done', data, id);
    },
    getFrame(id: number): Frame | undefined {
      const row = fresh.get(id) ?? (q.getFrame.get(id) as FrameRow | undefined);
      return row && row.status !== 'done' && row.status !== 'queued' ? toFrame(row) : undefined;
    },
    /** One fewer running child; returns how many remain. */
    childFinished(parentId: number): number {
      const row = fresh.get(parentId);
      if (!row) return (q.decPending.get(parentId) as { pending: number }).pending;
      fresh.update(parentId, { pending: row.pending - 1 });
      return row.pending - 1;
    },
    /** Takes the next not-yet-started iteration of a Map, if any, and marks it started. */
    startNextQueued(parentId: number): Frame | undefined {
      const row = fresh.hasChildren(parentId) ? fresh.firstQueued(parentId) : (q.nextQueued.get(parentId) as FrameRow | undefined);
      if (!row) return undefined;
      // Marked now, not when the frame is next written: another iteration ending in the same
      // turn must take the one after it.
      if (!fresh.update(row.id, { status: 'run' })) q.markStarted.run(row.id);
      return toFrame(row);
    },
    /** Outputs of finished children in index order, then deletes them. */
    collectChildren(parentId: number): unknown[] {
      if (!fresh.hasChildren(parentId)) {
        const rows = q.children.all(parentId) as FrameRow[];
        for (const row of rows) q.deleteFrame.run(row.id);
        return rows.map((row) => JSON.parse(row.data));
      }
      const rows = fresh.children(parentId);
      for (const row of rows) fresh.remove(row.id);
      return rows.map((row) => JSON.parse(row.data));
    },
    /** Deletes every descendant of `parentId` with its timers and tokens; returns them. */
    deleteDescendants(parentId: number): Descendant[] {
      const onDisk = q.descendants.all(parentId) as Descendant[];
      const rows = onDisk.concat(freshDescendants([{ id: parentId, depth: 0 }, ...onDisk]));
      for (const row of rows) {
        if (!fresh.remove(row.id)) q.deleteFrame.run(row.id);
        q.deleteFrameTimers.run(row.id);
        q.deleteFrameTokens.run(row.id);
      }
      return rows;
    },
    deleteFrame(id: number): void {
      if (!fresh.remove(id)) q.deleteFrame.run(id);
      q.deleteFrameTimers.run(id);
    },
    /** Runnable frames on disk (between turns, nothing is fresh). */
    resumableFrames(): Frame[] {
      return (q.resumable.all() as FrameRow[]).map(toFrame);
    },
    /** Deletes every frame of an execution. */
    clearFrames(execId: number): void {
      for (const id of fresh.ofExecution(execId)) fresh.remove(id);
      q.deleteExecFrames.run(execId);
    },
  };
}

export type FrameStore = ReturnType<typeof createFrameStore>;
