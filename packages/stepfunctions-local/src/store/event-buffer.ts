/**
 * History events of the current turn, held in memory and written as multi-row INSERTs just
 * before the turn commits. They are written inside the turn's transaction, so they commit
 * (or vanish) with the transitions that produced them. Savepoints mark the buffer; rolling
 * one back drops what it added.
 */
import type Database from 'better-sqlite3';
import { createBatchInsert } from './batch-insert';

const COLUMNS = ['exec_id', 'id', 'type', 'at', 'previous_id', 'details'] as const;

/** The buffer of unwritten events on the writer connection. */
export function createEventBuffer(db: Database.Database) {
  // Flat [exec_id, id, type, at, previous_id, details, ...]: no object per event.
  let values: unknown[] = [];
  const insert = createBatchInsert(db, 'events', COLUMNS);

  return {
    add(execId: number, id: number, type: string, at: number, previous: number, details: string | null): void {
      values.push(execId, id, type, at, previous, details);
    },
    /** A position to return to with `truncate` (taken when a savepoint opens). */
    mark(): number {
      return values.length;
    },
    /** Drops the events added since `mark` (their savepoint was rolled back). */
    truncate(mark: number): void {
      values.length = Math.min(values.length, mark);
    },
    /** The highest buffered event id of an execution, 0 if none. */
    lastId(execId: number): number {
      let last = 0;
      for (let i = 0; i < values.length; i += COLUMNS.length) {
        if (values[i] === execId && (values[i + 1] as number) > last) last = values[i + 1] as number;
      }
      return last;
    },
    /** Writes every buffered event; call inside the turn's transaction, outside any savepoint. */
    flush(): void {
      const all = values;
      values = [];
      insert(all);
    },
    /** Forgets everything buffered (the turn was rolled back). */
    clear(): void {
      values = [];
    },
  };
}

export type EventBuffer = ReturnType<typeof createEventBuffer>;
