/** Writes a turn holds in memory until its commit: events, fresh frame rows, savepoint undo. */
import Database from 'better-sqlite3';
import type { Frame } from '../../../src/interpreter/types';
import { createRunStore, type RunStore } from '../../../src/store/run-store';
import { EVENTS_INDEX, SCHEMA } from '../../../src/store/schema';
import { createTurnTx, type TurnTx } from '../../../src/store/turn-tx';

let db: Database.Database;
let runs: RunStore;
let tx: TurnTx;

beforeEach(() => {
  db = new Database(':memory:');
  db.exec(SCHEMA);
  db.exec(EVENTS_INDEX);
  runs = createRunStore(db);
  tx = createTurnTx(db, runs.held);
});
afterEach(() => db.close());

const frame = (parentId: number | null, index: number): Frame => ({
  id: 0,
  execId: 1,
  parentId,
  index,
  machine: 'm',
  state: 'S',
  phase: 'enter',
  input: { index },
  vars: {},
  outer: null,
  lastEvent: 0,
  entered: 0,
  enteredAt: 0,
  attempt: 0,
  retries: [],
});
const frameRows = () => db.prepare('SELECT id, parent_id, idx, status, pending FROM frames ORDER BY id').all();
const eventIds = () => db.prepare('SELECT id FROM events WHERE exec_id = 1 ORDER BY id').pluck().all();

test('events are written only at commit, in multi-row batches beyond 64', () => {
  tx.begin();
  for (let id = 1; id <= 150; id++) runs.insertEvent(1, id, 'PassStateEntered', 0, id - 1, null);
  expect(eventIds()).toEqual([]);
  expect(runs.lastEventId(1)).toBe(150);
  tx.commit();
  expect(eventIds()).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
  expect(runs.lastEventId(1)).toBe(150);
});

test('a rolled-back savepoint drops its events and restores the frame rows it changed', () => {
  tx.begin();
  const root = runs.insertFrame(frame(null, 0), 'run');
  runs.insertEvent(1, 1, 'ExecutionStarted', 0, 0, null);
  const mark = tx.savepoint();
  runs.insertEvent(1, 2, 'PassStateEntered', 0, 1, null);
  runs.saveFrame({ ...frame(null, 0), id: root, phase: 'wait' });
  const child = runs.insertFrame(frame(root, 0), 'run');
  tx.undo(mark);
  expect(runs.getFrame(child)).toBeUndefined();
  expect(runs.lastEventId(1)).toBe(1);
  tx.commit();
  expect(eventIds()).toEqual([1]);
  expect(frameRows()).toEqual([{ id: root, parent_id: null, idx: 0, status: 'run', pending: 0 }]);
});

test('branches that start and end within the turn never reach the disk; the parent does', () => {
  tx.begin();
  const root = runs.insertFrame(frame(null, 0), 'run');
  runs.saveFrame({ ...frame(null, 0), id: root, phase: 'children' }, 2);
  const a = runs.insertFrame(frame(root, 0), 'run');
  const b = runs.insertFrame(frame(root, 1), 'run');
  runs.frameDone(b, 'B');
  expect(runs.childFinished(root)).toBe(1);
  runs.frameDone(a, 'A');
  expect(runs.childFinished(root)).toBe(0);
  expect(runs.collectChildren(root)).toEqual(['A', 'B']);
  tx.commit();
  expect(frameRows()).toEqual([{ id: root, parent_id: null, idx: 0, status: 'children', pending: 0 }]);
});

test('Map iterations start in index order, from memory and from disk alike', () => {
  tx.begin();
  const root = runs.insertFrame(frame(null, 0), 'children', 3);
  const ids = [0, 1, 2].map((i) => runs.insertFrame(frame(root, i), i === 0 ? 'run' : 'queued'));
  expect(runs.startNextQueued(root)?.id).toBe(ids[1]);
  runs.saveFrame({ ...frame(root, 1), id: ids[1]! });
  tx.commit();
  tx.begin();
  expect(runs.startNextQueued(root)?.id).toBe(ids[2]);
  tx.commit();
});

test('deleting descendants finds rows on disk and rows of this turn below them', () => {
  tx.begin();
  const root = runs.insertFrame(frame(null, 0), 'children', 2);
  const iteration = runs.insertFrame(frame(root, 0), 'run');
  tx.commit();
  tx.begin();
  const branch = runs.insertFrame(frame(iteration, 0), 'run');
  const deleted = runs.deleteDescendants(root).map((r) => [r.id, r.depth]);
  expect(deleted).toEqual([
    [iteration, 1],
    [branch, 2],
  ]);
  tx.commit();
  expect(frameRows()).toEqual([{ id: root, parent_id: null, idx: 0, status: 'children', pending: 2 }]);
});

test('the due-timer bound is lowered by inserts and re-read only between turns', () => {
  tx.begin();
  runs.setTimer(7, 'wait', 1, 5_000, 0);
  expect(runs.nextDue()).toBe(5_000);
  expect(runs.dueTimers(4_999, 10)).toEqual([]);
  expect(runs.dueTimers(5_000, 10)).toEqual([{ frame_id: 7, kind: 'wait', exec_id: 1, attempt: 0 }]);
  runs.clearTimer(7, 'wait');
  tx.commit();
  // The bound stays until the turn that fired it has committed.
  expect(runs.nextDue()).toBe(5_000);
  runs.settleTimers(false);
  expect(runs.nextDue()).toBeNull();
});

test('a rolled-back turn forgets what it held and re-reads the timer bound', () => {
  tx.begin();
  runs.setTimer(7, 'wait', 1, 5_000, 0);
  tx.commit();
  tx.begin();
  runs.insertFrame(frame(null, 0), 'run');
  runs.insertEvent(1, 1, 'ExecutionStarted', 0, 0, null);
  expect(runs.dueTimers(6_000, 10)).toHaveLength(1);
  runs.clearTimer(7, 'wait');
  tx.rollback();
  runs.settleTimers(true);
  expect(runs.nextDue()).toBe(5_000);
  tx.begin();
  tx.commit();
  expect(frameRows()).toEqual([]);
  expect(eventIds()).toEqual([]);
});
