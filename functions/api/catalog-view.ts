/**
 * Catalog definitions -> the public catalog views. Whitelists fields: definitions also hold
 * check functions and per-department visibility rules that clients have no use for.
 */
import { formJsonSchema, serviceTimeLimitWorkingDays } from '../../workflows/catalog';
import { ONE_TIME_NOTICE } from '../../workflows/defaults';
import type { ServiceDefinition } from '../../workflows/types';
import type { ServiceDetail, ServiceSummary } from './schemas';

/** The list entry of a service. */
export function toServiceSummary(def: ServiceDefinition): ServiceSummary {
  return {
    id: def.id,
    version: def.version,
    name: def.name,
    description: def.description,
    timeLimitWorkingDays: serviceTimeLimitWorkingDays(def),
    leadDepartment: def.leadDepartment,
    departments: def.departments.map((d) => ({
      id: d.id,
      name: d.name,
      timeLimitWorkingDays: d.timeLimitWorkingDays,
      after: [...(d.after ?? [])],
      timeLimitBasis: d.timeLimitBasis ? { kind: d.timeLimitBasis.kind, source: d.timeLimitBasis.source } : null,
      results: (d.results ?? []).map((r) => ({ id: r.id, label: r.label, pattern: r.pattern, required: r.required, personal: r.personal })),
    })),
  };
}

/** The full public view: summary + form JSON Schema + material list. */
export function toServiceDetail(def: ServiceDefinition): ServiceDetail {
  return {
    ...toServiceSummary(def),
    legalBasis: def.legalBasis ?? [],
    oneTimeNotice: ONE_TIME_NOTICE,
    formSchema: formJsonSchema(def),
    materials: def.materials.map((m) => ({
      id: m.id,
      name: m.name,
      required: m.required,
      accept: [...m.accept],
      maxBytes: m.maxBytes,
      replacedBySharedData: m.replacedBySharedData ?? null,
    })),
  };
}
