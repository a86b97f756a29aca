/**
 * Stages of a service: the departments' `after` lists (a DAG) laid out in layers. Stage 1 holds
 * the departments without prerequisites; stage k+1 those whose prerequisites all lie in
 * stages 1..k. The generator renders one Parallel per stage (docs/WORKFLOWS.md "Stages").
 */
import type { DepartmentSpec, ServiceDefinition } from './types';

type Departments = Pick<ServiceDefinition, 'departments'>;

/** Prerequisite problems, each naming the field; empty when `after` forms a DAG of known ids. */
export function stageProblems(def: Departments): string[] {
  const problems: string[] = [];
  const ids = new Set(def.departments.map((d) => d.id));
  def.departments.forEach((d, i) => {
    const after = d.after ?? [];
    const seen = new Set<string>();
    for (const id of after) {
      if (id === d.id) problems.push(`departments[${i}].after: "${id}" depends on itself`);
      else if (!ids.has(id)) problems.push(`departments[${i}].after: unknown department "${id}"`);
      if (seen.has(id)) problems.push(`departments[${i}].after: duplicate id "${id}"`);
      seen.add(id);
    }
  });
  if (problems.length > 0) return problems;
  const cycle = findCycle(def.departments);
  if (cycle) problems.push(`departments: cycle ${cycle.join(' -> ')}`);
  return problems;
}

/** One cycle of the prerequisite graph (first id repeated at the end), if any; depth-first search. */
function findCycle(departments: readonly DepartmentSpec[]): string[] | undefined {
  const byId = new Map(departments.map((d) => [d.id, d]));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const next of byId.get(id)?.after ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    path.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const d of departments) {
    const found = visit(d.id);
    if (found) return found;
  }
  return undefined;
}

/**
 * The departments by stage, each stage in definition order. A department's stage is one more
 * than its latest prerequisite's, so every prerequisite is approved before its stage opens.
 * Call on a validated definition (a cycle throws RangeError).
 *
 * @example stagesOf(newborn) // [[health], [public-security], [medical-insurance, hrss]]
 */
export function stagesOf(def: Departments): DepartmentSpec[][] {
  const level = new Map<string, number>();
  const byId = new Map(def.departments.map((d) => [d.id, d]));
  const levelOf = (d: DepartmentSpec, depth: number): number => {
    const known = level.get(d.id);
    if (known !== undefined) return known;
    if (depth > def.departments.length) throw new RangeError(`departments: cycle through "${d.id}"`);
    const prerequisites = (d.after ?? []).map((id) => byId.get(id)).filter((p): p is DepartmentSpec => p !== undefined);
    const value = prerequisites.length === 0 ? 0 : 1 + Math.max(...prerequisites.map((p) => levelOf(p, depth + 1)));
    level.set(d.id, value);
    return value;
  };
  const stages: DepartmentSpec[][] = [];
  for (const d of def.departments) (stages[levelOf(d, 0)] ??= []).push(d);
  return stages;
}

/** Whether the service has more than one stage (a flat service renders exactly as before stages existed). */
export const isStaged = (def: Departments): boolean => def.departments.some((d) => (d.after ?? []).length > 0);

/** The index (0-based) of the stage `department` belongs to; -1 for an unknown department. */
export function stageIndexOf(def: Departments, department: string): number {
  return stagesOf(def).findIndex((stage) => stage.some((d) => d.id === department));
}
