/**
 * The catalog of "one things". Every version ever published stays in the list, so that an
 * application is always handled under the version it was submitted with; `catalog` holds
 * the current (highest) version of each service.
 *
 * Adding a service: one module under `services/` and one line in `definitions` below.
 */
import * as z from 'zod';
import { InvalidDefinitionError, UnknownServiceError, UnknownServiceVersionError } from './errors';
import { constructionPermitV1, constructionPermitV2 } from './services/construction-permit';
import { newbornV1, newbornV2 } from './services/newborn';
import { schoolEnrolmentV1 } from './services/school-enrolment';
import { utilityConnectionV1 } from './services/utility-connection';
import type { Catalog, ServiceDefinition } from './types';
import { stagesOf } from './stages';
import { assertValidDefinition } from './validate';
import { PUBLISHED_FINGERPRINTS, versionProblem } from './versions';
import { applyPromisedLimits, parsePromisedLimits, PROMISED_LIMITS_ENV, type PromisedLimits } from './promised-limits';

/** Every published version of every service. */
export const definitions: readonly ServiceDefinition[] = [
  schoolEnrolmentV1,
  constructionPermitV1,
  utilityConnectionV1,
  newbornV1,
  // Issue 15: the real order (stages) and the statutory or promised limits.
  constructionPermitV2,
  newbornV2,
];

export type { Catalog } from './types';

/**
 * Validates every definition (throws InvalidDefinitionError naming each problem), refuses a
 * published version whose stages or limits changed (versions.ts), applies the site's
 * shorter promised limits (promised-limits.ts), and indexes them. The module's exports below are this over `definitions`.
 */
export function createCatalog(
  published: readonly ServiceDefinition[],
  options: { fingerprints?: Readonly<Record<string, string>>; promisedLimits?: PromisedLimits } = {},
): Catalog {
  published.forEach(assertValidDefinition);
  for (const def of published) {
    const problem = versionProblem(def, options.fingerprints ?? PUBLISHED_FINGERPRINTS);
    if (problem) throw new InvalidDefinitionError(def.id, [problem]);
  }
  // The site's promises apply after the version check: they are configuration, not a new version.
  const all = applyPromisedLimits(published, options.promisedLimits ?? {});
  const byKey = new Map<string, ServiceDefinition>();
  for (const def of all) {
    const key = `${def.id}@${def.version}`;
    if (byKey.has(key)) throw new InvalidDefinitionError(def.id, [`version: ${def.version} is defined twice`]);
    byKey.set(key, def);
  }
  const current = new Map<string, ServiceDefinition>();
  for (const def of all) {
    const seen = current.get(def.id);
    if (!seen || def.version > seen.version) current.set(def.id, def);
  }
  return {
    catalog: [...current.values()],
    getService(id) {
      const def = current.get(id);
      if (!def) throw new UnknownServiceError(id);
      return def;
    },
    getServiceVersion(id, version) {
      const def = byKey.get(`${id}@${version}`);
      if (def) return def;
      throw current.has(id) ? new UnknownServiceVersionError(id, version) : new UnknownServiceError(id);
    },
  };
}

/** The catalog the platform runs with: every published definition, validated once. */
export const seedCatalog: Catalog = createCatalog(definitions, { promisedLimits: parsePromisedLimits(process.env[PROMISED_LIMITS_ENV]) });

/** The current version of every service. */
export const catalog: readonly ServiceDefinition[] = seedCatalog.catalog;

/** @example getService('school-enrolment').departments.map((d) => d.id) // ['education', ...] */
export const getService = (id: string): ServiceDefinition => seedCatalog.getService(id);

/** @example getServiceVersion(application.serviceId, application.serviceVersion) */
export const getServiceVersion = (id: string, version: number): ServiceDefinition => seedCatalog.getServiceVersion(id, version);

/**
 * The service's overall limit: the longest path through the stages (branches of a stage run
 * in parallel, stages one after another); for a flat service the longest branch's.
 */
export function serviceTimeLimitWorkingDays(def: ServiceDefinition): number {
  return stagesOf(def).reduce((sum, stage) => sum + Math.max(...stage.map((d) => d.timeLimitWorkingDays)), 0);
}

/**
 * The form as JSON Schema (draft 2020-12) for `GET /v1/services/{id}`; `examples[0]` is the
 * definition's example, a complete valid form using the synthetic registry records.
 */
export function formJsonSchema(def: ServiceDefinition): Record<string, unknown> {
  // `input`: the schema describes what a client sends, before zod's trim/upper-case.
  const schema = z.toJSONSchema(def.form, { io: 'input' }) as Record<string, unknown>;
  return { ...schema, examples: [def.example] };
}
