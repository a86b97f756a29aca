/**
 * Versioning (issue 15): changing a published definition's stages or limits must make a new
 * version, because applications in flight keep the version they were submitted under. Each
 * published version's fingerprint (what running applications depend on) is recorded below;
 * the catalog refuses to load a recorded version whose fingerprint changed.
 */
import { createHash } from 'node:crypto';
import type { ServiceDefinition } from './types';

/** What a running application depends on: the stages, the limits, the declared results, the wait settings. */
export function versionedContent(def: ServiceDefinition): unknown {
  return {
    departments: def.departments.map((d) => ({
      id: d.id,
      after: [...(d.after ?? [])].sort(),
      timeLimitWorkingDays: d.timeLimitWorkingDays,
      results: (d.results ?? []).map((r) => ({ id: r.id, pattern: r.pattern, required: r.required, personal: r.personal })),
    })),
    warnAtShare: def.warnAtShare,
    escalateEveryHours: def.escalateEveryHours,
    maxEscalations: def.maxEscalations ?? null,
    supplementLimitWorkingDays: def.supplementLimitWorkingDays ?? null,
  };
}

/** sha256 (hex, first 16 characters) of the versioned content as JSON (keys in the fixed order above). */
export const definitionFingerprint = (def: ServiceDefinition): string =>
  createHash('sha256')
    .update(JSON.stringify(versionedContent(def)))
    .digest('hex')
    .slice(0, 16);

/**
 * The fingerprint of every published version. A new version adds its line here once
 * published (the catalog test prints the value); an existing line never changes.
 */
export const PUBLISHED_FINGERPRINTS: Readonly<Record<string, string>> = {
  'school-enrolment@1': 'acabe53313e476c8',
  'construction-permit@1': '0af15b142967ace8',
  'utility-connection@1': 'b7b5f6d68feeeef0',
  'newborn@1': 'e9c743d0d07510e4',
  'construction-permit@2': '29cc0e2478ad0ef1',
  'newborn@2': 'e8d841209d7791c1',
};

/** The problem of a definition whose recorded version changed, if any. */
export function versionProblem(def: ServiceDefinition, published = PUBLISHED_FINGERPRINTS): string | undefined {
  const recorded = published[`${def.id}@${def.version}`];
  const actual = definitionFingerprint(def);
  if (recorded === undefined || recorded === actual) return undefined;
  return `version: ${def.version} was published with stages and limits ${recorded}, now ${actual}: make a new version instead of changing it`;
}
