/**
 * Frame rows created during the current turn, kept in memory and inserted just before the
 * turn commits. A Parallel branch or Map iteration that starts and ends within one turn
 * (and an execution that does) never touches the disk: the turn is one transaction, so
 * writing its rows only to delete them before the same commit left nothing behind either.
 * Rows still alive at the commit are inserted with their final contents. Savepoints mark an
 * undo log; rolling one back restores the rows as they were.
 */
import type Database from 'better-sqlite3';
import { createBatchInsert } from './batch-insert';

export interface FrameRow {
  id: number;
  exec_id: number;
  parent_id: number | null;
  idx: number;
  status: string;
  pending: number;
  data: string;
}

const COLUMNS = ['id', 'exec_id', 'parent_id', 'idx', 'status', 'pending', 'data'] as const;

/** The turn's new frame rows (see the module comment). Rows are replaced, never mutated. */
export function createFreshFrames(db: Database.Database) {
  const insert = createBatchInsert(db, 'frames', COLUMNS);
  let rows = new Map<number, FrameRow>();
  // Child ids per parent in creation order, which is index order (siblings are created
  // together, by ascending index); ids of removed rows are skipped when read.
  let byParent = new Map<number, number[]>();
  // Per parent, a position in `byParent` before which no child is 'queued' (a started
  // child never becomes queued again, except by an undo, which drops these).
  let queuedFrom = new Map<number, number>();
  let undoLog: [number, FrameRow | undefined][] = [];

  function set(id: number, row: FrameRow | undefined): void {
    undoLog.push([id, rows.get(id)]);
    if (row) rows.set(id, row);
    else rows.delete(id);
  }

  return {
    get(id: number): FrameRow | undefined {
      return rows.get(id);
    },
    add(row: FrameRow): void {
      set(row.id, row);
      if (row.parent_id === null) return;
      const siblings = byParent.get(row.parent_id);
      if (siblings) siblings.push(row.id);
      else byParent.set(row.parent_id, [row.id]);
    },
    /** Replaces fields of a fresh row; false if `id` is not fresh. */
    update(id: number, fields: Partial<FrameRow>): boolean {
      const row = rows.get(id);
      if (!row) return false;
      set(id, { ...row, ...fields });
      return true;
    },
    /** False if `id` is not fresh. */
    remove(id: number): boolean {
      if (!rows.has(id)) return false;
      set(id, undefined);
      return true;
    },
    /** Whether `parentId` has live children created in this turn (then all its children were: siblings start together). */
    hasChildren(parentId: number): boolean {
      return (byParent.get(parentId) ?? []).some((id) => rows.has(id));
    },
    /** The fresh child of `parentId` with the lowest index among those still 'queued'. */
    firstQueued(parentId: number): FrameRow | undefined {
      const ids = byParent.get(parentId) ?? [];
      let i = queuedFrom.get(parentId) ?? 0;
      for (; i < ids.length; i += 1) {
        const row = rows.get(ids[i]!);
        if (row?.status === 'queued') break;
      }
      queuedFrom.set(parentId, i);
      return i < ids.length ? rows.get(ids[i]!) : undefined;
    },
    /** Live fresh children of `parentId`, in index order. */
    children(parentId: number): FrameRow[] {
      const out: FrameRow[] = [];
      for (const id of byParent.get(parentId) ?? []) {
        const row = rows.get(id);
        if (row) out.push(row);
      }
      return out.sort((a, b) => a.idx - b.idx);
    },
    /** Ids of the fresh rows of an execution. */
    ofExecution(execId: number): number[] {
      const ids: number[] = [];
      for (const row of rows.values()) if (row.exec_id === execId) ids.push(row.id);
      return ids;
    },
    mark(): number {
      return undoLog.length;
    },
    /** Restores the rows as they were at `mark`. */
    undo(mark: number): void {
      queuedFrom = new Map();
      while (undoLog.length > mark) {
        const [id, previous] = undoLog.pop() as [number, FrameRow | undefined];
        if (previous) rows.set(id, previous);
        else rows.delete(id);
      }
    },
    /** Inserts the rows still alive; call inside the turn's transaction, outside any savepoint. */
    flush(): void {
      const values: unknown[] = [];
      for (const r of rows.values()) values.push(r.id, r.exec_id, r.parent_id, r.idx, r.status, r.pending, r.data);
      insert(values);
      this.clear();
    },
    /** Forgets every fresh row (flushed, or the turn was rolled back). */
    clear(): void {
      rows = new Map();
      byParent = new Map();
      queuedFrom = new Map();
      undoLog = [];
    },
  };
}

export type FreshFrames = ReturnType<typeof createFreshFrames>;
