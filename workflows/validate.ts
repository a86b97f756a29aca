/** Rules every service definition must satisfy; checked when the catalog loads. */
import * as z from 'zod';
import { InvalidDefinitionError } from './errors';
import { stageProblems } from './stages';
import type { ServiceDefinition } from './types';
import { workingHoursConfigSchema } from '../shared/calendar/working-hours';
import { STREET_OFFICE } from './events/routing';
import { EVENT_PHOTO_MAX_COUNT, type EventDefinition } from './events/types';

/** Kebab-case whose segments start with a letter, so that the PascalCase state-name suffix is unique. */
export const ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*$/;

const isPositiveInteger = (n: number) => Number.isInteger(n) && n > 0;

function duplicates(ids: string[]): string[] {
  return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
}

/** Whether a dotted path names a field of an object schema (through optional/nullable/default). */
export function schemaHasPath(schema: z.ZodType, path: string): boolean {
  let current: z.ZodType = schema;
  for (const key of path.split('.')) {
    while (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) {
      current = current.unwrap() as z.ZodType;
    }
    if (!(current instanceof z.ZodObject)) return false;
    const next = (current.shape as Record<string, z.ZodType | undefined>)[key];
    if (!next) return false;
    current = next;
  }
  return true;
}

const RESULT_ID = /^[a-z][A-Za-z0-9]{0,39}$/;

/** A department's declared results: camelCase unique ids, anchored patterns that compile. */
function resultProblems(results: NonNullable<ServiceDefinition['departments'][number]['results']>, at: string): string[] {
  const problems: string[] = [];
  for (const id of duplicates(results.map((r) => r.id))) problems.push(`${at}: duplicate id "${id}"`);
  results.forEach((r, j) => {
    if (!RESULT_ID.test(r.id)) problems.push(`${at}[${j}].id: "${r.id}" is not camelCase`);
    if (!r.pattern.startsWith('^') || !r.pattern.endsWith('$')) problems.push(`${at}[${j}].pattern: must be anchored with ^ and $`);
    try {
      new RegExp(r.pattern, 'u');
    } catch {
      problems.push(`${at}[${j}].pattern: not a regular expression`);
    }
  });
  return problems;
}

/** Every problem of a definition, each naming the field; empty when valid. */
export function definitionProblems(def: ServiceDefinition): string[] {
  const problems: string[] = [];
  const materialIds = def.materials.map((m) => m.id);
  const checkIds = def.checks.map((c) => c.id);
  if (!ID_PATTERN.test(def.id)) problems.push(`id: "${def.id}" is not kebab-case`);
  if (!isPositiveInteger(def.version)) problems.push(`version: ${def.version} is not a positive integer`);
  if (def.departments.length === 0) problems.push('departments: at least one department is required');
  if (!(def.warnAtShare > 0 && def.warnAtShare < 1)) problems.push(`warnAtShare: ${def.warnAtShare} is not between 0 and 1`);
  if (!(def.escalateEveryHours > 0)) problems.push(`escalateEveryHours: ${def.escalateEveryHours} is not positive`);
  for (const field of ['maxEscalations', 'supplementLimitWorkingDays', 'followUpWorkingDays'] as const) {
    const value = def[field];
    if (value !== undefined && !isPositiveInteger(value)) problems.push(`${field}: ${value} is not a positive integer`);
  }
  for (const id of duplicates(def.departments.map((d) => d.id))) problems.push(`departments: duplicate id "${id}"`);
  for (const id of duplicates(materialIds)) problems.push(`materials: duplicate id "${id}"`);
  for (const id of duplicates(checkIds)) problems.push(`checks: duplicate id "${id}"`);
  def.materials.forEach((m, i) => {
    if (!ID_PATTERN.test(m.id)) problems.push(`materials[${i}].id: "${m.id}" is not kebab-case`);
    if (m.accept.length === 0) problems.push(`materials[${i}].accept: no content type`);
    if (!isPositiveInteger(m.maxBytes)) problems.push(`materials[${i}].maxBytes: ${m.maxBytes} is not a positive integer`);
    if (m.replacedBySharedData !== undefined && !checkIds.includes(m.replacedBySharedData)) {
      problems.push(`materials[${i}].replacedBySharedData: unknown check "${m.replacedBySharedData}"`);
    }
  });
  def.departments.forEach((d, i) => {
    if (!ID_PATTERN.test(d.id)) problems.push(`departments[${i}].id: "${d.id}" is not kebab-case`);
    if (!isPositiveInteger(d.timeLimitWorkingDays))
      problems.push(`departments[${i}].timeLimitWorkingDays: ${d.timeLimitWorkingDays} is not a positive integer`);
    for (const f of d.sees.fields)
      if (!schemaHasPath(def.form, f)) problems.push(`departments[${i}].sees.fields: "${f}" is not a form field`);
    for (const m of d.sees.materials)
      if (!materialIds.includes(m)) problems.push(`departments[${i}].sees.materials: unknown material "${m}"`);
    for (const c of d.checks) if (!checkIds.includes(c)) problems.push(`departments[${i}].checks: unknown check "${c}"`);
    problems.push(...resultProblems(d.results ?? [], `departments[${i}].results`));
    if (d.timeLimitBasis && (d.timeLimitBasis.source.zh.trim() === '' || d.timeLimitBasis.source.en.trim() === '')) {
      problems.push(`departments[${i}].timeLimitBasis.source: zh and en are required`);
    }
  });
  problems.push(...stageProblems(def));
  if (def.departments.length > 0 && !def.departments.some((d) => d.id === def.leadDepartment))
    problems.push(`leadDepartment: "${def.leadDepartment}" is not one of the departments`);
  if (def.smsPhoneField !== undefined && !schemaHasPath(def.form, def.smsPhoneField))
    problems.push(`smsPhoneField: "${def.smsPhoneField}" is not a form field`);
  const example = def.form.safeParse(def.example);
  if (!example.success) {
    for (const issue of example.error.issues) problems.push(`example.${issue.path.join('.')}: ${issue.message}`);
  }
  return problems;
}

/** Throws {@link InvalidDefinitionError} listing every problem of the definition. */
export function assertValidDefinition(def: ServiceDefinition): void {
  const problems = definitionProblems(def);
  if (problems.length > 0) throw new InvalidDefinitionError(def.id, problems);
}

// ---- Event definitions (kind 'event', issue 10: 12345 events) ----

/** Every problem of an event definition, each naming the field; empty when valid. */
export function eventDefinitionProblems(def: EventDefinition): string[] {
  const problems: string[] = [];
  const deptIds = def.departments.map((d) => d.id);
  const streetIds = def.streets.map((s) => s.id);
  if (def.kind !== 'event') problems.push(`kind: "${String(def.kind)}" is not "event"`);
  if (!ID_PATTERN.test(def.id)) problems.push(`id: "${def.id}" is not kebab-case`);
  if (!isPositiveInteger(def.version)) problems.push(`version: ${def.version} is not a positive integer`);
  if (!(def.warnAtShare > 0 && def.warnAtShare < 1)) problems.push(`warnAtShare: ${def.warnAtShare} is not between 0 and 1`);
  if (!(def.escalateEveryHours > 0)) problems.push(`escalateEveryHours: ${def.escalateEveryHours} is not positive`);
  if (!(def.ratingWindowHours > 0)) problems.push(`ratingWindowHours: ${def.ratingWindowHours} is not positive`);
  if (def.departments.length === 0) problems.push('departments: at least one department is required');
  if (def.categories.length === 0) problems.push('categories: at least one category is required');
  for (const id of duplicates(deptIds)) problems.push(`departments: duplicate id "${id}"`);
  for (const id of duplicates(streetIds)) problems.push(`streets: duplicate id "${id}"`);
  for (const id of duplicates(def.categories.map((c) => c.id))) problems.push(`categories: duplicate id "${id}"`);
  def.departments.forEach((d, i) => {
    if (!ID_PATTERN.test(d.id)) problems.push(`departments[${i}].id: "${d.id}" is not kebab-case`);
  });
  def.streets.forEach((s, i) => {
    if (!ID_PATTERN.test(s.id)) problems.push(`streets[${i}].id: "${s.id}" is not kebab-case`);
    const office = def.departments.find((d) => d.id === s.office);
    if (!office) problems.push(`streets[${i}].office: unknown department "${s.office}"`);
    else if (office.kind !== 'street') problems.push(`streets[${i}].office: "${s.office}" is not a street office`);
  });
  def.categories.forEach((c, i) => {
    if (!ID_PATTERN.test(c.id)) problems.push(`categories[${i}].id: "${c.id}" is not kebab-case`);
    if (!(c.acceptHours > 0)) problems.push(`categories[${i}].acceptHours: ${c.acceptHours} is not positive`);
    if (!(c.handleHours > 0)) problems.push(`categories[${i}].handleHours: ${c.handleHours} is not positive`);
    if (!(c.weight > 0)) problems.push(`categories[${i}].weight: ${c.weight} is not positive`);
    const checkRoute = (route: string[], field: string) => {
      if (route.length === 0) problems.push(`${field}: empty`);
      for (const d of route) if (d !== STREET_OFFICE && !deptIds.includes(d)) problems.push(`${field}: unknown department "${d}"`);
      for (const d of duplicates(route)) problems.push(`${field}: "${d}" appears twice`);
    };
    checkRoute(c.route, `categories[${i}].route`);
    for (const [street, route] of Object.entries(c.routeByStreet ?? {})) {
      if (!streetIds.includes(street)) problems.push(`categories[${i}].routeByStreet: unknown street "${street}"`);
      checkRoute(route, `categories[${i}].routeByStreet.${street}`);
    }
  });
  const { photos } = def;
  if (!(Number.isInteger(photos.maxCount) && photos.maxCount >= 0 && photos.maxCount <= EVENT_PHOTO_MAX_COUNT))
    problems.push(`photos.maxCount: ${photos.maxCount} is not an integer in 0..${EVENT_PHOTO_MAX_COUNT}`);
  if (!(photos.maxBytes > 0)) problems.push(`photos.maxBytes: ${photos.maxBytes} is not positive`);
  if (photos.accept.length === 0) problems.push('photos.accept: at least one image type is required');
  if (def.workingHours !== undefined) {
    const hours = workingHoursConfigSchema.safeParse(def.workingHours);
    if (!hours.success) for (const issue of hours.error.issues) problems.push(`workingHours.${issue.path.join('.')}: ${issue.message}`);
  }
  return problems;
}

/** Throws {@link InvalidDefinitionError} listing every problem of the event definition. */
export function assertValidEventDefinition(def: EventDefinition): void {
  const problems = eventDefinitionProblems(def);
  if (problems.length > 0) throw new InvalidDefinitionError(def.id, problems);
}
