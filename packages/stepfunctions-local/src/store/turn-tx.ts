/**
 * The scheduler's transaction control on the writer connection, with every statement
 * prepared once: a turn issues one BEGIN/COMMIT and two savepoint statements per command
 * and per transition, so parsing them each time was a visible share of a turn. Savepoints
 * also mark the writes held in memory, so a rolled-back savepoint undoes those too.
 */
import type Database from 'better-sqlite3';

/** Where a savepoint opened, in the writes the turn holds in memory. */
export interface Mark {
  events: number;
  frames: number;
}

/** Writes a turn holds in memory until just before its commit (run-store.ts). */
export interface TurnWrites {
  mark(): Mark;
  /** Drops or restores what changed since `mark`. */
  undo(mark: Mark): void;
  /** Writes everything held, inside the open transaction. */
  flush(): void;
  /** Forgets everything held (the turn was rolled back). */
  clear(): void;
}

/** Transaction statements for the scheduler's turns (see the module comment). */
export function createTurnTx(db: Database.Database, held: TurnWrites) {
  const q = {
    begin: db.prepare('BEGIN IMMEDIATE'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
    savepoint: db.prepare('SAVEPOINT turn_part'),
    release: db.prepare('RELEASE turn_part'),
    rollbackTo: db.prepare('ROLLBACK TO turn_part'),
  };
  return {
    begin(): void {
      q.begin.run();
    },
    /** Writes what the turn held in memory, then commits: all of it becomes durable together. */
    commit(): void {
      held.flush();
      q.commit.run();
    },
    /** Undoes the whole turn, the writes held in memory included. */
    rollback(): void {
      held.clear();
      if (db.inTransaction) q.rollback.run();
    },
    /** Opens a savepoint; pass the returned mark to `undo` if it has to be rolled back. */
    savepoint(): Mark {
      q.savepoint.run();
      return held.mark();
    },
    release(): void {
      q.release.run();
    },
    /** Rolls the savepoint back (rows on disk and held in memory) and closes it. */
    undo(mark: Mark): void {
      held.undo(mark);
      q.rollbackTo.run();
      q.release.run();
    },
  };
}

export type TurnTx = ReturnType<typeof createTurnTx>;
