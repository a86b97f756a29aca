import type { ServiceDefinition } from '../../workflows/types';
import type { Principal } from '../auth/principal';
import { ValidationError, type FieldError } from '../errors';
import { applicationField } from '../i18n';
import type { Context } from './context';
import type { StoredCheck, StoredMaterial } from './records';
import type { MaterialRef } from './schemas';

/**
 * Whether a material must be uploaded: a passing data-sharing check replaces it, a failing
 * one makes it required ("材料非必要不提供"); without a check its definition decides.
 */
export function isRequired(spec: ServiceDefinition['materials'][number], checks: StoredCheck[]): boolean {
  if (!spec.replacedBySharedData) return spec.required;
  const check = checks.find((c) => c.id === spec.replacedBySharedData);
  return check ? !check.passed : spec.required;
}

/** Runs the service's data-sharing checks on a parsed form, in parallel. */
export async function runChecks(def: ServiceDefinition, form: unknown, ctx: Pick<Context, 'dataSharing'>): Promise<StoredCheck[]> {
  return Promise.all(
    def.checks.map(async (c) => {
      const r = await c.run(form, ctx.dataSharing);
      return { id: c.id, name: c.name, passed: r.passed, summary: r.summary, detail: r.detail };
    }),
  );
}

/** Field errors for references to unknown or repeated materials (`materials[i].materialId`). */
export function materialRefErrors(def: ServiceDefinition, refs: MaterialRef[], field = 'materials'): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  refs.forEach((r, i) => {
    if (!def.materials.some((m) => m.id === r.materialId))
      errors.push(applicationField(`${field}[${i}].materialId`, 'material-unknown', { materialId: r.materialId }));
    else if (seen.has(r.materialId))
      errors.push(applicationField(`${field}[${i}].materialId`, 'material-duplicate', { materialId: r.materialId }));
    seen.add(r.materialId);
  });
  return errors;
}

/**
 * Verifies every referenced upload (all of them, so the applicant sees every problem at
 * once), then copies them under the application's keys. A failed check copies nothing.
 */
export async function verifyAndStore(
  ctx: Context,
  def: ServiceDefinition,
  p: Principal,
  appId: string,
  refs: MaterialRef[],
  field = 'materials',
): Promise<StoredMaterial[]> {
  const results = await Promise.allSettled(
    refs.map((r, i) => {
      const spec = def.materials.find((m) => m.id === r.materialId);
      if (!spec)
        throw new ValidationError([applicationField(`${field}[${i}].materialId`, 'material-unknown', { materialId: r.materialId })]);
      return ctx.docs.verifyUpload({
        uploadId: r.uploadId,
        ownerSub: p.sub,
        materialId: r.materialId,
        accept: spec.accept,
        maxBytes: spec.maxBytes,
        path: `${field}[${i}].uploadId`,
      });
    }),
  );
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
  const other = failures.find((f) => !(f instanceof ValidationError));
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows a rejection reason unchanged
  if (other) throw other;
  if (failures.length) throw new ValidationError(failures.flatMap((f) => (f as ValidationError).errors));
  const verified = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<Context['docs']['verifyUpload']>>>).value);
  return Promise.all(
    verified.map(async (v) => ({
      materialId: v.materialId,
      key: await ctx.docs.copyToApplication(v.uploadId, appId, v.materialId),
      sizeBytes: v.sizeBytes,
      contentType: v.contentType,
      sha256: v.sha256,
    })),
  );
}
