import { createHash } from 'node:crypto';
import type { ServiceDefinition } from '../../workflows/types';
import { stageClocks, stagedDueAt } from './stage-clock';
import { canonicalJson } from '../audit/canonical';
import type { TimingEventInput } from '../audit/types';
import type { Principal } from '../auth/principal';
import { ValidationError, type FieldError } from '../errors';
import { applicationField } from '../i18n';
import type { Context } from './context';
import { isConditionalCheckFailed, validationFromIssues } from './errors';
import { startExecution } from './executions';
import { applicationId, keys } from './ids';
import { isRequired, materialRefErrors, runChecks, verifyAndStore } from './materials';
import { startMark } from './pending';
import type { ApplicationRecord, WalkthroughMode } from './records';
import type { ApplicationView, SubmitApplicationRequest } from './schemas';
import { applicationView } from './views';

/**
 * `POST /v1/applications` (an applicant, a body the edge has parsed): validate against the service, run the data-sharing checks, verify and copy the
 * uploads, store the application (its conditional put is the idempotency record), log
 * `submitted`, start the execution. Crash consistency: docs/DESIGN.md "Submit".
 */
export async function submit(
  ctx: Context,
  p: Principal,
  req: SubmitApplicationRequest,
  idempotencyKey?: string,
  opts: SubmitOptions = {},
): Promise<{ application: ApplicationView; replayed: boolean }> {
  // Role and body shape were checked at the edge (functions/api/contract.ts); the rules here need the catalog or the caller.
  const errors: FieldError[] = [];
  if (p.role === 'proxy' && !req.onBehalfOf) errors.push(applicationField('onBehalfOf', 'proxy-needs-on-behalf-of'));
  if (p.role === 'citizen' && req.onBehalfOf) errors.push(applicationField('onBehalfOf', 'on-behalf-of-proxy-only'));
  if (errors.length) throw new ValidationError(errors);

  const def = ctx.catalog.getService(req.serviceId);
  const now = ctx.clock.now();
  const id = applicationId(now, idempotencyKey === undefined ? undefined : p.sub, idempotencyKey);
  const requestHash = createHash('sha256').update(canonicalJson(req)).digest('hex');
  if (idempotencyKey !== undefined) {
    const existing = await ctx.apps.get(id);
    if (existing) return replay(ctx, existing, requestHash);
  }

  const form = def.form.safeParse(req.form, { reportInput: true }); // input: tells `required` from wrong (shared/i18n)
  const refErrors = materialRefErrors(def, req.materials);
  if (!form.success || refErrors.length) {
    throw new ValidationError([...(form.success ? [] : validationFromIssues(form.error.issues, 'form').errors), ...refErrors]);
  }
  const checks = await runChecks(def, form.data, ctx);
  const missing = def.materials.filter((m) => isRequired(m, checks) && !req.materials.some((r) => r.materialId === m.id));
  if (missing.length) {
    throw new ValidationError(
      missing.map((m) =>
        applicationField('materials', m.replacedBySharedData ? 'material-required-not-confirmed' : 'material-required', {
          id: m.id,
          name: m.name.zh,
        }),
      ),
    );
  }
  const materials = await verifyAndStore(ctx, def, p, id, req.materials);
  const submittedAt = now.toISOString();
  const record: ApplicationRecord = {
    ...keys.application(id),
    id,
    serviceId: def.id,
    serviceVersion: def.version,
    ownerSub: p.sub,
    submittedAs: p.role === 'proxy' ? 'proxy' : 'citizen',
    ...(req.onBehalfOf ? { onBehalfOf: req.onBehalfOf } : {}),
    status: 'submitted',
    submittedAt,
    dueAt: plannedDueAt(ctx, def, now),
    walkthrough: opts.walkthrough !== undefined,
    ...(opts.walkthrough
      ? {
          walkthroughMode: opts.walkthrough.mode,
          walkthroughRole: opts.walkthrough.role,
          gsi3pk: keys.walkthroughs,
          gsi3sk: `${submittedAt}#${id}`,
        }
      : {}),
    form: form.data as Record<string, unknown>,
    materials,
    checks,
    requestHash,
    gsi1pk: keys.owner(p.sub),
    gsi1sk: `${submittedAt}#${id}`,
    gsi2pk: keys.day(submittedAt),
    gsi2sk: `${submittedAt}#${id}`,
    // In reconcile's index until the execution is known to exist (removed by `afterStore`).
    ...startMark({ id, submittedAt }),
  };
  try {
    await ctx.apps.create(record);
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    // A concurrent retry with the same Idempotency-Key stored it first.
    const existing = await ctx.apps.get(id);
    if (existing) return replay(ctx, existing, requestHash);
    throw error;
  }
  const event = await afterStore(ctx, record, true);
  return { application: applicationView(def, record, [], [event], { kind: 'applicant' }, now, ctx.calendar), replayed: false };
}

/** A walk-through (shared/walkthroughs) submits through this same path, labelled a test everywhere. */
export interface SubmitOptions {
  walkthrough?: { mode: WalkthroughMode; role: string };
}

/**
 * The latest branch due date if the first stage opened now and every later one when its
 * predecessors are due (intake and each stage's opening compute the real ones).
 */
function plannedDueAt(ctx: Context, def: ServiceDefinition, now: Date): string {
  return stagedDueAt(stageClocks(def, ctx.calendar, now, [], now));
}

/**
 * The tail after the put: log `submitted` -> StartExecution -> remove the not-started mark.
 * Each step is idempotent, so a retry, a replay or reconcile resumes it. `created`: this
 * request's put stored the application, so its timing log is still empty.
 */
async function afterStore(ctx: Context, app: ApplicationRecord, created = false) {
  const event = await ctx.log.append(app.id, submittedEvent(app), { newChain: created });
  try {
    await startExecution(ctx.sfn, ctx.config, app);
  } catch (error) {
    // Stored is accepted: reconcile starts it later, and a retry with the same key resumes here.
    ctx.logger.error('StartExecution failed after the application was stored', { applicationId: app.id, error: error as Error });
    return event;
  }
  if (app.gsi4pk !== undefined) {
    // Started is what the client needs to hear; a mark left behind costs reconcile one look.
    await ctx.apps.unmark(app.id, 'start').catch((error: unknown) => {
      ctx.logger.warn('the not-started mark stays after StartExecution; reconcile removes it', {
        applicationId: app.id,
        error: error as Error,
      });
    });
  }
  return event;
}

/** The `submitted` event of a stored application (the request's tail, or reconcile's). */
export function submittedEvent(app: ApplicationRecord): TimingEventInput {
  return {
    key: 'submitted',
    type: 'submitted',
    actor: { role: app.walkthroughRole ?? app.submittedAs, sub: app.ownerSub },
    serviceId: app.serviceId,
    walkthrough: app.walkthrough,
    dueAt: app.dueAt,
    detail: {
      materials: app.materials.map((m) => m.materialId),
      checks: Object.fromEntries(app.checks.map((c) => [c.id, c.passed])),
      ...(app.onBehalfOf ? { onBehalfOf: { relation: app.onBehalfOf.relation } } : {}),
    },
  };
}

/** Same Idempotency-Key: same body -> the stored application again; different body -> 422. */
async function replay(ctx: Context, app: ApplicationRecord, requestHash: string) {
  if (app.requestHash !== requestHash) {
    throw new ValidationError([applicationField('Idempotency-Key', 'idempotency-key-reused')]);
  }
  await afterStore(ctx, app);
  const [{ tasks }, events] = await Promise.all([ctx.apps.getWithTasks(app.id), ctx.log.list(app.id)]);
  const def = ctx.catalog.getServiceVersion(app.serviceId, app.serviceVersion);
  return { application: applicationView(def, app, tasks, events, { kind: 'applicant' }, ctx.clock.now(), ctx.calendar), replayed: true };
}
