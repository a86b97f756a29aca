/**
 * Site-promised limits (issue 15): a city may promise SHORTER limits than the definitions'
 * (承诺时限 below the statutory ceiling), never longer. Configured with the environment
 * variable ONETHING_PROMISED_LIMITS, a JSON object `{"<serviceId>": {"<departmentId>": days}}`,
 * read when the catalog loads; a bad value fails at cold start naming the entry.
 */
import { InvalidDefinitionError } from './errors';
import type { ServiceDefinition } from './types';

export type PromisedLimits = Record<string, Record<string, number>>;

export const PROMISED_LIMITS_ENV = 'ONETHING_PROMISED_LIMITS';

/** Parses the variable (absent or empty: no promises); throws InvalidDefinitionError naming each problem. */
export function parsePromisedLimits(raw: string | undefined): PromisedLimits {
  if (raw === undefined || raw.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new InvalidDefinitionError(PROMISED_LIMITS_ENV, ['not JSON: expected {"<serviceId>": {"<departmentId>": <working days>}}']);
  }
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(value) || !Object.values(value).every(isObject)) {
    throw new InvalidDefinitionError(PROMISED_LIMITS_ENV, ['expected {"<serviceId>": {"<departmentId>": <working days>}}']);
  }
  return value as PromisedLimits;
}

/**
 * The definitions with the promised limits applied, every version alike: a promise can only
 * shorten a limit, so an application in flight can only gain by it (its open branches keep
 * the due dates they opened with; branches opening later get the promise). A promised
 * department's basis says both figures.
 */
export function applyPromisedLimits(all: readonly ServiceDefinition[], promised: PromisedLimits): ServiceDefinition[] {
  const problems: string[] = [];
  for (const [serviceId, departments] of Object.entries(promised)) {
    const versions = all.filter((d) => d.id === serviceId);
    if (versions.length === 0) problems.push(`${serviceId}: unknown service`);
    for (const [deptId, days] of Object.entries(departments)) {
      const at = `${serviceId}.${deptId}`;
      if (!Number.isInteger(days) || days < 1) problems.push(`${at}: ${String(days)} is not a positive integer`);
      for (const def of versions) {
        const dept = def.departments.find((d) => d.id === deptId);
        if (!dept) problems.push(`${at}: version ${def.version} has no such department`);
        else if (days > dept.timeLimitWorkingDays) {
          problems.push(
            `${at}: ${days} is longer than the ${dept.timeLimitWorkingDays} working days of version ${def.version}; a site may only shorten a limit`,
          );
        }
      }
    }
  }
  if (problems.length > 0) throw new InvalidDefinitionError(PROMISED_LIMITS_ENV, problems);
  return all.map((def) => {
    const own = promised[def.id];
    if (!own) return def;
    return {
      ...def,
      departments: def.departments.map((d) => {
        const days = own[d.id];
        if (days === undefined || days === d.timeLimitWorkingDays) return d;
        const ceiling = d.timeLimitBasis?.source ?? { zh: '定义的时限', en: "the definition's limit" };
        return {
          ...d,
          timeLimitWorkingDays: days,
          timeLimitBasis: {
            kind: 'local-promise' as const,
            source: {
              zh: `本地承诺：${days}个工作日（上限${d.timeLimitWorkingDays}个工作日：${ceiling.zh}）`,
              en: `Local promise: ${days} working days (ceiling ${d.timeLimitWorkingDays}: ${ceiling.en})`,
            },
          },
        };
      }),
    };
  });
}
