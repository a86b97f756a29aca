/**
 * Prepared statements for state machines, definitions and execution rows. Writes go
 * through the writer connection (inside a scheduler turn); API reads use the reader.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

export interface MachineRow {
  arn: string;
  name: string;
  definition_id: number;
  role_arn: string;
  type: string;
  created_at: number;
  updated_at: number;
  revision: string;
}

export interface ExecutionRow {
  id: number;
  arn: string;
  sm_arn: string;
  name: string;
  definition_id: number;
  role_arn: string;
  status: string;
  input: string;
  output: string | null;
  error: string | null;
  cause: string | null;
  started_at: number;
  stopped_at: number | null;
}

export interface EventRow {
  id: number;
  type: string;
  at: number;
  previous_id: number;
  details: string | null;
}

/** Machine and execution rows: writes on `writer` (in a turn), API reads on `reader`. */
export function createCatalogStore(writer: Database.Database, reader: Database.Database) {
  const w = {
    findDefinition: writer.prepare('SELECT id FROM definitions WHERE hash = ?').pluck(),
    insertDefinition: writer.prepare('INSERT INTO definitions (hash, body) VALUES (?, ?)'),
    definition: writer.prepare('SELECT body FROM definitions WHERE id = ?').pluck(),
    machine: writer.prepare('SELECT * FROM state_machines WHERE arn = ?'),
    insertMachine: writer.prepare(
      'INSERT INTO state_machines (arn, name, definition_id, role_arn, type, created_at, updated_at, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    updateMachine: writer.prepare('UPDATE state_machines SET definition_id = ?, role_arn = ?, updated_at = ?, revision = ? WHERE arn = ?'),
    deleteMachine: writer.prepare('DELETE FROM state_machines WHERE arn = ?'),
    execution: writer.prepare('SELECT * FROM executions WHERE arn = ?'),
    executionById: writer.prepare('SELECT * FROM executions WHERE id = ?'),
    insertExecution: writer.prepare(
      "INSERT INTO executions (arn, sm_arn, name, definition_id, role_arn, status, input, started_at) VALUES (?, ?, ?, ?, ?, 'RUNNING', ?, ?)",
    ),
    closeExecution: writer.prepare('UPDATE executions SET status = ?, output = ?, error = ?, cause = ?, stopped_at = ? WHERE id = ?'),
  };
  const r = {
    machine: reader.prepare('SELECT * FROM state_machines WHERE arn = ?'),
    definition: reader.prepare('SELECT body FROM definitions WHERE id = ?').pluck(),
    machines: reader.prepare('SELECT * FROM state_machines WHERE name > ? ORDER BY name LIMIT ?'),
    execution: reader.prepare('SELECT * FROM executions WHERE arn = ?'),
    executions: reader.prepare(
      'SELECT * FROM executions WHERE sm_arn = ? AND (? IS NULL OR status = ?) AND (started_at < ? OR (started_at = ? AND id < ?)) ORDER BY started_at DESC, id DESC LIMIT ?',
    ),
    events: reader.prepare('SELECT id, type, at, previous_id, details FROM events WHERE exec_id = ? AND id > ? ORDER BY id LIMIT ?'),
    eventsDesc: reader.prepare(
      'SELECT id, type, at, previous_id, details FROM events WHERE exec_id = ? AND id < ? ORDER BY id DESC LIMIT ?',
    ),
  };
  return {
    /** Content-addressed: the same definition text is stored once. */
    definitionId(body: string): number {
      const hash = createHash('sha256').update(body).digest('hex');
      const found = w.findDefinition.get(hash) as number | undefined;
      return found ?? Number(w.insertDefinition.run(hash, body).lastInsertRowid);
    },
    definitionBody(id: number, fromWriter = false): string {
      return (fromWriter ? w.definition : r.definition).get(id) as string;
    },
    machineForWrite(arn: string): MachineRow | undefined {
      return w.machine.get(arn) as MachineRow | undefined;
    },
    machine(arn: string): MachineRow | undefined {
      return r.machine.get(arn) as MachineRow | undefined;
    },
    machines(afterName: string, limit: number): MachineRow[] {
      return r.machines.all(afterName, limit) as MachineRow[];
    },
    insertMachine(m: MachineRow): void {
      w.insertMachine.run(m.arn, m.name, m.definition_id, m.role_arn, m.type, m.created_at, m.updated_at, m.revision);
    },
    updateMachine(arn: string, definitionId: number, roleArn: string, at: number, revision: string): void {
      w.updateMachine.run(definitionId, roleArn, at, revision, arn);
    },
    deleteMachine(arn: string): void {
      w.deleteMachine.run(arn);
    },
    executionForWrite(arn: string): ExecutionRow | undefined {
      return w.execution.get(arn) as ExecutionRow | undefined;
    },
    executionById(id: number): ExecutionRow | undefined {
      return w.executionById.get(id) as ExecutionRow | undefined;
    },
    execution(arn: string): ExecutionRow | undefined {
      return r.execution.get(arn) as ExecutionRow | undefined;
    },
    insertExecution(e: Pick<ExecutionRow, 'arn' | 'sm_arn' | 'name' | 'definition_id' | 'role_arn' | 'input' | 'started_at'>): number {
      return Number(w.insertExecution.run(e.arn, e.sm_arn, e.name, e.definition_id, e.role_arn, e.input, e.started_at).lastInsertRowid);
    },
    closeExecution(id: number, status: string, output: string | null, error: string | null, cause: string | null, at: number): void {
      w.closeExecution.run(status, output, error, cause, at, id);
    },
    /** Newest first; `before` is the (started_at, id) keyset cursor. */
    executions(smArn: string, status: string | null, before: { at: number; id: number }, limit: number): ExecutionRow[] {
      return r.executions.all(smArn, status, status, before.at, before.at, before.id, limit) as ExecutionRow[];
    },
    events(execId: number, afterId: number, limit: number, reverse: boolean): EventRow[] {
      return (reverse ? r.eventsDesc : r.events).all(execId, afterId, limit) as EventRow[];
    },
  };
}

export type CatalogStore = ReturnType<typeof createCatalogStore>;
