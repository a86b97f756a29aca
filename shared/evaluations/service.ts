/**
 * 好差评 (docs/API.md "Evaluations"): the applicant rates a final application once; a bad
 * review (level 1 or 2) opens a follow-up for the service's lead department, due within the
 * service's follow-up limit in working days; an officer of that department answers it. Each
 * change is a conditional write carrying a mark, then its timing-log event, then the mark moves
 * on (docs/DESIGN.md "Crash consistency"): the same request again, or the scheduled check,
 * finishes what a crash left.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/canonical';
import type { Actor } from '../audit/types';
import type { Principal } from '../auth/principal';
import { ConflictError, NotFoundError } from '../errors';
import { ownApplication } from '../applications/access';
import type { Context } from '../applications/context';
import { isConditionalCheckFailed } from '../applications/errors';
import { followUpWorkingDays } from '../../workflows/defaults';
import { isApplicantRole } from '../names';
import {
  applicationIdOf,
  EVALUATIONS_PK,
  evaluationIdOf,
  evaluationPk,
  isBadReview,
  MARKS,
  type EvaluationRecord,
  type EvaluationView,
} from './records';
import type { EvaluationQuery, EvaluationRequest, FollowUpRequest } from './schemas';

const FINAL = new Set(['approved', 'rejected', 'withdrawn', 'failed']);

/** `POST /v1/applications/{id}/evaluation`: 201 once; 409 before the application is final and the second time. */
export async function evaluate(ctx: Context, p: Principal, applicationId: string, req: EvaluationRequest): Promise<EvaluationView> {
  const app = ownApplication(p, await ctx.apps.get(applicationId), applicationId);
  if (!FINAL.has(app.status)) throw new ConflictError(`application ${applicationId} is not final yet: it can be evaluated once it is`);
  const def = ctx.catalog.getServiceVersion(app.serviceId, app.serviceVersion);
  const now = ctx.clock.now();
  const createdAt = now.toISOString();
  const id = evaluationIdOf(applicationId);
  const requestHash = createHash('sha256').update(canonicalJson(req)).digest('hex');
  const record: EvaluationRecord = {
    pk: evaluationPk(applicationId),
    sk: 'EVAL',
    id,
    applicationId,
    serviceId: app.serviceId,
    leadDepartment: def.leadDepartment,
    ownerSub: app.ownerSub,
    submittedAs: app.submittedAs,
    level: req.level,
    ...(req.dimensions ? { dimensions: req.dimensions } : {}),
    ...(req.comment ? { comment: req.comment } : {}),
    createdAt,
    walkthrough: app.walkthrough,
    requestHash,
    ...(isBadReview(req.level) ? { followUp: { dueAt: ctx.calendar.dueAt(now, followUpWorkingDays(def)).dueAt.toISOString() } } : {}),
    gsi1pk: EVALUATIONS_PK,
    gsi1sk: `${createdAt}#${id}`,
    gsi4pk: MARKS.unlogged,
    gsi4sk: `${createdAt}#${applicationId}`,
  };
  let stored = record;
  try {
    await ctx.evaluations.create(record);
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    const existing = await ctx.evaluations.get(applicationId);
    // The same request after a crash that left its event unlogged finishes it; anything else is a second evaluation.
    if (existing?.gsi4pk !== MARKS.unlogged || existing.requestHash !== requestHash)
      throw new ConflictError(`application ${applicationId} has been evaluated already`);
    stored = existing;
  }
  await logEvaluation(ctx, stored);
  return evaluationView(stored, now);
}

/** Logs `evaluated` (by key) and moves the mark to the open follow-up, if any. Idempotent. */
export async function logEvaluation(ctx: Context, e: EvaluationRecord): Promise<void> {
  const actor: Actor = { role: e.submittedAs, sub: e.ownerSub };
  await ctx.log.append(e.applicationId, {
    key: 'evaluated',
    type: 'evaluated',
    actor,
    serviceId: e.serviceId,
    walkthrough: e.walkthrough,
    detail: { evaluationId: e.id, level: e.level, ...(e.followUp ? { followUpDueAt: e.followUp.dueAt } : {}) },
  });
  const next = e.followUp ? { pk: MARKS.followUpOpen, sk: `${e.followUp.dueAt}#${e.applicationId}` } : undefined;
  await moveMark(ctx, e.applicationId, MARKS.unlogged, next);
}

/** `POST /v1/evaluations/{id}/follow-up` by an officer of the lead department; 409 unless a bad review not yet answered. */
export async function followUp(ctx: Context, p: Principal, evaluationId: string, req: FollowUpRequest): Promise<EvaluationView> {
  const applicationId = applicationIdOf(evaluationId);
  const existing = await ctx.evaluations.get(applicationId);
  if (!existing || p.role !== 'officer' || existing.leadDepartment !== p.dept)
    throw new NotFoundError(`evaluation ${evaluationId} not found`);
  if (!existing.followUp) throw new ConflictError(`evaluation ${evaluationId} is not a bad review: there is nothing to follow up`);
  let stored = existing;
  if (existing.followUp.answeredAt === undefined) {
    try {
      stored = await ctx.evaluations.answer(applicationId, {
        answeredAt: ctx.clock.now().toISOString(),
        note: req.note,
        answeredBy: p.sub,
      });
      await logFollowUp(ctx, stored);
      return evaluationView(stored, ctx.clock.now());
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      stored = (await ctx.evaluations.get(applicationId)) ?? existing;
    }
  }
  // Answered already: the same answer whose event a crash left unlogged is finished; anything else is 409.
  if (stored.gsi4pk === MARKS.answerUnlogged && stored.followUp?.note === req.note && stored.followUp.answeredBy === p.sub) {
    await logFollowUp(ctx, stored);
    return evaluationView(stored, ctx.clock.now());
  }
  throw new ConflictError(`evaluation ${evaluationId} has been followed up already`);
}

/** Logs `followed-up` (by key; its notification reads the note) and removes the mark. Idempotent. */
export async function logFollowUp(ctx: Context, e: EvaluationRecord): Promise<void> {
  await ctx.log.append(e.applicationId, {
    key: 'followed-up',
    type: 'followed-up',
    actor: { role: 'officer', ...(e.followUp?.answeredBy ? { sub: e.followUp.answeredBy } : {}) },
    serviceId: e.serviceId,
    walkthrough: e.walkthrough,
    department: e.leadDepartment,
    detail: { evaluationId: e.id },
  });
  await moveMark(ctx, e.applicationId, MARKS.answerUnlogged);
}

async function moveMark(ctx: Context, applicationId: string, from: string, to?: { pk: string; sk: string }): Promise<void> {
  try {
    await ctx.evaluations.moveMark(applicationId, from, to);
  } catch (error) {
    // Moved before (a replay): nothing to do.
    if (!isConditionalCheckFailed(error)) throw error;
  }
}

/** `GET /v1/evaluations`: inspectors and officials all; an officer those of the services their department leads. */
export async function listEvaluations(
  ctx: Context,
  p: Principal,
  q: EvaluationQuery,
): Promise<{ items: EvaluationView[]; nextCursor?: string }> {
  if (isApplicantRole(p.role)) throw new NotFoundError('no evaluations');
  const lead = p.role === 'officer' ? p.dept : undefined;
  const filter = {
    ...(q.from ? { from: new Date(`${q.from}T00:00:00+08:00`).toISOString() } : {}),
    ...(q.to ? { to: new Date(`${q.to}T23:59:59.999+08:00`).toISOString() } : {}),
    ...(q.serviceId ? { serviceId: q.serviceId } : {}),
    ...(q.bad ? { bad: q.bad === 'true' } : {}),
    ...(lead ? { leadDepartment: lead } : {}),
  };
  const bindings = { role: p.role, lead: lead ?? '', from: q.from ?? '', to: q.to ?? '', serviceId: q.serviceId ?? '', bad: q.bad ?? '' };
  const page = await ctx.evaluations.list(filter, bindings, q.limit, q.cursor);
  const now = ctx.clock.now();
  return { items: page.items.map((e) => evaluationView(e, now)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

export function evaluationView(e: EvaluationRecord, now: Date): EvaluationView {
  return {
    id: e.id,
    applicationId: e.applicationId,
    serviceId: e.serviceId,
    level: e.level,
    ...(e.dimensions ? { dimensions: e.dimensions } : {}),
    ...(e.comment ? { comment: e.comment } : {}),
    createdAt: e.createdAt,
    walkthrough: e.walkthrough,
    ...(e.followUp
      ? {
          followUp: {
            dueAt: e.followUp.dueAt,
            ...(e.followUp.answeredAt ? { answeredAt: e.followUp.answeredAt } : {}),
            ...(e.followUp.note ? { note: e.followUp.note } : {}),
            overdue: e.followUp.answeredAt === undefined && now.toISOString() > e.followUp.dueAt,
          },
        }
      : {}),
  };
}
