/**
 * Executions with runnable work, in memory; everything else stays on disk. Definitions
 * are compiled once per stored definition and shared by all executions that use them.
 */
import { compileDefinition } from '../definition/compile';
import type { CompiledDefinition } from '../definition/types';
import type { Exec } from '../interpreter/types';
import type { CatalogStore } from '../store/catalog-store';
import type { RunStore } from '../store/run-store';

/** The cache of running executions with work in memory, loading rows on demand. */
export function createExecCache(catalog: CatalogStore, runs: RunStore) {
  const execs = new Map<number, Exec>();
  const compiled = new Map<number, CompiledDefinition>();

  function definition(id: number): CompiledDefinition {
    let def = compiled.get(id);
    if (!def) {
      const result = compileDefinition(catalog.definitionBody(id, true));
      // Only valid definitions are ever stored, so this cannot fail unless the file was edited.
      if (!result.definition) throw new Error(`Stored definition ${id} is no longer valid`);
      def = result.definition;
      compiled.set(id, def);
    }
    return def;
  }

  return {
    definition,
    /** The running execution `id`, loaded if needed; undefined when it has ended. */
    get(id: number): Exec | undefined {
      const cached = execs.get(id);
      if (cached) return cached.status === 'RUNNING' ? cached : undefined;
      const row = catalog.executionById(id);
      if (!row || row.status !== 'RUNNING') return undefined;
      const exec: Exec = {
        id: row.id,
        arn: row.arn,
        name: row.name,
        smArn: row.sm_arn,
        smName: row.sm_arn.slice(row.sm_arn.lastIndexOf(':') + 1),
        roleArn: row.role_arn,
        definition: definition(row.definition_id),
        input: row.input,
        startedAt: row.started_at,
        lastEventId: runs.lastEventId(row.id),
        status: 'RUNNING',
        frames: new Map(),
      };
      execs.set(id, exec);
      return exec;
    },
    /** Drops executions that have nothing in memory (waiting ones live on disk only). */
    evictIdle(): void {
      for (const [id, exec] of execs) if (exec.frames.size === 0 || exec.status !== 'RUNNING') execs.delete(id);
    },
    /** Forgets every cached execution (after a rolled-back turn). */
    clear(): void {
      execs.clear();
    },
    /** Forgets an execution whose in-memory state can no longer be trusted. */
    forget(id: number): void {
      execs.delete(id);
    },
    get size(): number {
      return execs.size;
    },
  };
}

export type ExecCache = ReturnType<typeof createExecCache>;
