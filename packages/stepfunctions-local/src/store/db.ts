import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startCheckpointer, type Checkpointer } from './checkpointer';
import { EVENTS_INDEX, SCHEMA, SCHEMA_VERSION } from './schema';

export type Synchronous = 'NORMAL' | 'FULL';

const CHECKPOINT_INTERVAL_MS = 200;

export interface Databases {
  /** The scheduler's connection: every write goes through it, one transaction per turn. */
  writer: Database.Database;
  /** API reads: a second connection only ever sees committed turns (WAL snapshot). */
  reader: Database.Database;
  close(): Promise<void>;
}

/** Whether `events` is the schema-version-1 table, WITHOUT ROWID with (exec_id, id) as its key. */
export function eventsClusteredByKey(db: Database.Database): boolean {
  const sql = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'events'").pluck().get() as string;
  return /WITHOUT\s+ROWID/i.test(sql);
}

/**
 * Opens (creating if needed) `<dataDir>/stepfunctions.sqlite` in WAL mode.
 * `synchronous=NORMAL` survives a killed process (the WAL is in the OS page cache); only a
 * power loss can drop the last commits. `FULL` fsyncs every commit.
 */
export function openDatabases(dataDir: string, synchronous: Synchronous = 'NORMAL'): Databases {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'stepfunctions.sqlite');
  const writer = new Database(file);
  writer.pragma('journal_mode = WAL');
  writer.pragma(`synchronous = ${synchronous}`);
  writer.pragma('foreign_keys = OFF');
  writer.pragma('cache_size = -16000');
  // Checkpoints run on a worker (checkpointer.ts), not inside the scheduler's commits.
  writer.pragma('wal_autocheckpoint = 0');
  writer.exec(SCHEMA);
  if (!eventsClusteredByKey(writer)) writer.exec(EVENTS_INDEX);
  writer.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run('schema_version', String(SCHEMA_VERSION));
  const reader = new Database(file, { readonly: true });
  const checkpointer: Checkpointer = startCheckpointer(file, CHECKPOINT_INTERVAL_MS, (message) => {
    console.error(`[stepfunctions] WAL checkpoint failed: ${message}`);
  });
  return {
    writer,
    reader,
    async close() {
      await checkpointer.stop();
      reader.close();
      writer.pragma('wal_checkpoint(TRUNCATE)');
      writer.close();
    },
  };
}
