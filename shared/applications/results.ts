/**
 * Results handed forward (issue 15): what an approval carries (e.g. the birth certificate
 * number) as the department's definition declares it, checked before anything is stored,
 * masked in the timing log when personal, shown to later stages and to the applicant.
 */
import { stagesOf } from '../../workflows/stages';
import type { DepartmentSpec, LocalizedName, ServiceDefinition } from '../../workflows/types';
import { ValidationError, type FieldError } from '../errors';
import type { Decision } from './schemas';
import type { TaskRecord } from './records';

/**
 * Throws a 422 naming `results.<field>` unless `results` fits the department's declaration:
 * an approval carries every required field, each matching its pattern, and nothing
 * undeclared; a rejection or supplement request carries none.
 */
export function assertResults(dept: DepartmentSpec, decision: Decision, results: Record<string, string> | undefined): void {
  const declared = dept.results ?? [];
  const errors: FieldError[] = [];
  const given = results ?? {};
  if (decision !== 'approve') {
    if (Object.keys(given).length > 0) errors.push({ path: 'results', message: 'only an approval carries results' });
  } else {
    for (const key of Object.keys(given)) {
      if (!declared.some((r) => r.id === key)) errors.push({ path: `results.${key}`, message: `not a result of ${dept.id}` });
    }
    for (const spec of declared) {
      const value = given[spec.id];
      if (value === undefined) {
        if (spec.required) errors.push({ path: `results.${spec.id}`, message: `required on an approval (${spec.label.en})` });
      } else if (!new RegExp(spec.pattern, 'u').test(value)) {
        errors.push({ path: `results.${spec.id}`, message: `does not match ${spec.pattern} (${spec.label.en})` });
      }
    }
  }
  if (errors.length > 0) throw new ValidationError(errors);
}

/** Keeps the last 4 characters of a personal value (fewer for short values). @example maskResult('Q410012345') // '******2345' */
export function maskResult(value: string): string {
  const visible = value.length > 8 ? 4 : Math.floor(value.length / 3);
  return '*'.repeat(value.length - visible) + value.slice(value.length - visible);
}

/** The results as the timing log records them: personal ones masked. */
export function loggedResults(dept: DepartmentSpec, results: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(results).map(([key, value]) => [key, dept.results?.find((r) => r.id === key)?.personal ? maskResult(value) : value]),
  );
}

export interface HandedForward {
  department: string;
  results: Array<{ id: string; label: LocalizedName; value: string }>;
}

/** The labelled results of one approved task, in declaration order. */
export function labelledResults(def: ServiceDefinition, task: Pick<TaskRecord, 'department' | 'results'>): HandedForward['results'] {
  const spec = def.departments.find((d) => d.id === task.department);
  return (spec?.results ?? [])
    .filter((r) => task.results?.[r.id] !== undefined)
    .map((r) => ({ id: r.id, label: r.label, value: task.results![r.id]! }));
}

/** What the departments of earlier stages approved with, for a task of `department`. */
export function handedForwardTo(def: ServiceDefinition, department: string, tasks: readonly TaskRecord[]): HandedForward[] {
  const stages = stagesOf(def);
  const stage = stages.findIndex((s) => s.some((d) => d.id === department));
  const earlier = new Set(stages.slice(0, Math.max(stage, 0)).flatMap((s) => s.map((d) => d.id)));
  return tasks
    .filter((t) => earlier.has(t.department) && t.status === 'approved' && t.results !== undefined)
    .map((t) => ({ department: t.department, results: labelledResults(def, t) }))
    .filter((h) => h.results.length > 0);
}
