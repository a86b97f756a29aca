/**
 * Durability in-process: close the engine mid-execution and open the same data folder
 * again. (The kill -9 variant runs over HTTP in test/integration/http.)
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ManualClock } from '../../support/manual-clock';
import type { Engine } from '../../../src';
import {
  createMachine,
  describe as describeExec,
  history,
  internalErrors,
  openEngine,
  removeDir,
  settled,
  start,
  tempDir,
} from '../../support/engine';

const T0 = Date.parse('2026-05-01T00:00:00Z');
let dir: string;
let engine: Engine | undefined;

/** A clock frozen at `T0 + seconds` (real time does not move it). */
const clockAt = (seconds: number) => new ManualClock(new Date(T0 + seconds * 1000));

beforeEach(() => {
  dir = tempDir();
});

afterEach(async () => {
  await engine?.close();
  engine = undefined;
  removeDir(dir);
  expect(internalErrors).toEqual([]);
});

/** Ids 1..n without gaps or repeats, each linked to an earlier event. */
function contiguous(events: { id: number; [key: string]: unknown }[]): boolean {
  return events.every((e, i) => e.id === i + 1 && (e.previousEventId as number) < e.id);
}

test('a timer that came due while the engine was closed fires at open', async () => {
  engine = await openEngine(dir, { clock: clockAt(0) });
  const arn = await start(
    engine,
    await createMachine(engine, {
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 60, Next: 'Done' }, Done: { Type: 'Pass', End: true } },
    }),
    { a: 1 },
  );
  await engine.idle();
  await engine.close();

  engine = await openEngine(dir, { clock: clockAt(3600) });
  await expectWaitThenPassFinished(engine, arn);
});

test('a task token issued before a restart is still accepted after it, once', async () => {
  const tokens: string[] = [];
  const park = async (event: unknown) => {
    tokens.push((event as { token: string }).token);
    return {};
  };
  engine = await openEngine(dir);
  engine.registerLambda('park', park);
  const def = {
    StartAt: 'Ask',
    States: {
      Ask: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: 'park', Payload: { 'token.$': '$$.Task.Token' } },
        End: true,
      },
    },
  };
  const arn = await start(engine, await createMachine(engine, def));
  await engine.idle();
  await engine.close();

  engine = await openEngine(dir);
  engine.registerLambda('park', park);
  await engine.call('SendTaskSuccess', { taskToken: tokens[0]!, output: '{"decision":"approve"}' });
  await engine.idle();
  expect(await describeExec(engine, arn)).toMatchObject({ status: 'SUCCEEDED', output: '{"decision":"approve"}' });
  await expect(engine.call('SendTaskSuccess', { taskToken: tokens[0]!, output: '{}' })).rejects.toMatchObject({ code: 'TaskDoesNotExist' });
  expect(tokens).toHaveLength(1);
  expect(contiguous(await history(engine, arn))).toBe(true);
});

test('a Lambda call in flight at close is invoked again at open (at-least-once)', async () => {
  let calls = 0;
  let firstCallStarted: () => void = () => undefined;
  const firstCall = new Promise<void>((resolve) => (firstCallStarted = resolve));
  engine = await openEngine(dir);
  engine.registerLambda('slow', () => {
    calls += 1;
    firstCallStarted();
    return new Promise(() => undefined); // never answers before the engine closes
  });
  const def = { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:slow', End: true } } };
  const arn = await start(engine, await createMachine(engine, def), { n: 1 });
  await firstCall;
  await engine.close();

  const slow = async (event: unknown) => {
    calls += 1;
    return { again: event };
  };
  engine = await openEngine(dir, { lambdas: { slow } });
  const done = await settled(engine, arn);
  expect(done).toMatchObject({ status: 'SUCCEEDED', output: '{"again":{"n":1}}' });
  expect(calls).toBe(2);
  // The transition into the task is recorded once: only the invocation repeats.
  const types = (await history(engine, arn)).map((e) => e.type);
  expect(types).toEqual([
    'ExecutionStarted',
    'TaskStateEntered',
    'LambdaFunctionScheduled',
    'LambdaFunctionStarted',
    'LambdaFunctionSucceeded',
    'TaskStateExited',
    'ExecutionSucceeded',
  ]);
});

test('an execution closed in the middle of a large Map goes on from its last committed transition', async () => {
  engine = await openEngine(dir);
  const items = Array.from({ length: 1500 }, (_, i) => i);
  const def = {
    StartAt: 'M',
    States: {
      M: {
        Type: 'Map',
        ItemProcessor: { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', End: true } } },
        End: true,
      },
    },
  };
  const arn = await start(engine, await createMachine(engine, def), items);
  await engine.close(); // the first turn committed; most iterations have not run yet
  engine = await openEngine(dir);
  const before = await describeExec(engine, arn);
  expect(before.status).toBe('RUNNING');
  await engine.idle();
  const done = await describeExec(engine, arn);
  expect(done.status).toBe('SUCCEEDED');
  expect(JSON.parse(done.output as string)).toEqual(items);
  const events = await history(engine, arn);
  expect(contiguous(events)).toBe(true);
  expect(events.filter((e) => e.type === 'MapIterationStarted')).toHaveLength(items.length);
  expect(events.filter((e) => e.type === 'PassStateEntered')).toHaveLength(items.length * 2);
});

test('close checkpoints the WAL into the database file', async () => {
  engine = await openEngine(dir);
  const arn = await start(engine, await createMachine(engine, { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }));
  await engine.idle();
  await engine.close();
  const wal = path.join(dir, 'stepfunctions.sqlite-wal');
  expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0);
  engine = await openEngine(dir);
  expect((await describeExec(engine, arn)).status).toBe('SUCCEEDED');
});

test('synchronous FULL is accepted and behaves the same', async () => {
  engine = await openEngine(dir, { synchronous: 'FULL' });
  const arn = await start(engine, await createMachine(engine, { StartAt: 'P', States: { P: { Type: 'Pass', Result: 1, End: true } } }));
  await engine.idle();
  expect(await describeExec(engine, arn)).toMatchObject({ status: 'SUCCEEDED', output: '1' });
});

/** The `events` table's SQL and the names of its indexes, read with a connection of its own. */
function eventsLayout(dataDir: string): { table: string; indexes: string[] } {
  const db = new Database(path.join(dataDir, 'stepfunctions.sqlite'), { readonly: true });
  try {
    const table = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'events'").pluck().get() as string;
    const indexes = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY name")
      .pluck()
      .all() as string[];
    return { table, indexes };
  } finally {
    db.close();
  }
}

/** Rewrites `events` as schema version 1 had it: WITHOUT ROWID, keyed by (exec_id, id). */
function toVersion1Events(dataDir: string): void {
  const db = new Database(path.join(dataDir, 'stepfunctions.sqlite'));
  db.exec(`
    CREATE TABLE events_v1 (exec_id INTEGER NOT NULL, id INTEGER NOT NULL, type TEXT NOT NULL, at INTEGER NOT NULL,
      previous_id INTEGER NOT NULL, details TEXT, PRIMARY KEY (exec_id, id)) WITHOUT ROWID;
    INSERT INTO events_v1 SELECT exec_id, id, type, at, previous_id, details FROM events;
    DROP TABLE events;
    ALTER TABLE events_v1 RENAME TO events;
    UPDATE meta SET value = '1' WHERE key = 'schema_version';
  `);
  db.close();
}

test('a new store keeps events in insertion order with a unique (exec_id, id) index', async () => {
  engine = await openEngine(dir);
  await engine.close();
  engine = undefined;
  const layout = eventsLayout(dir);
  expect(layout.table).not.toMatch(/WITHOUT ROWID/);
  expect(layout.indexes).toEqual(['events_by_exec']);
});

test('a store of schema version 1 (events WITHOUT ROWID) opens, resumes and keeps its layout', async () => {
  engine = await openEngine(dir, { clock: clockAt(0) });
  const machine = await createMachine(engine, {
    StartAt: 'W',
    States: { W: { Type: 'Wait', Seconds: 60, Next: 'Done' }, Done: { Type: 'Pass', End: true } },
  });
  const arn = await start(engine, machine, { a: 1 });
  await engine.idle();
  await engine.close();
  toVersion1Events(dir);

  engine = await openEngine(dir, { clock: clockAt(3600) });
  await expectWaitThenPassFinished(engine, arn);
  const second = await start(engine, machine, { b: 2 });
  await engine.idle();
  expect((await history(engine, second)).map((e) => e.type)).toEqual(['ExecutionStarted', 'WaitStateEntered']);
  await engine.close();
  engine = undefined;
  const layout = eventsLayout(dir);
  expect(layout.table).toMatch(/WITHOUT ROWID/);
  // Its primary key already is (exec_id, id): no second index is added.
  expect(layout.indexes).toEqual([]);
});

/** After reopening an hour later: the Wait-then-Pass execution finished with its input and a whole, contiguous history. */
async function expectWaitThenPassFinished(engine: Engine, arn: string): Promise<void> {
  await engine.idle();
  expect(await describeExec(engine, arn)).toMatchObject({ status: 'SUCCEEDED', output: '{"a":1}' });
  const events = await history(engine, arn);
  expect(contiguous(events)).toBe(true);
  expect(events.map((e) => e.type)).toEqual([
    'ExecutionStarted',
    'WaitStateEntered',
    'WaitStateExited',
    'PassStateEntered',
    'PassStateExited',
    'ExecutionSucceeded',
  ]);
}
