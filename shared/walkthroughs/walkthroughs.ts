import { randomUUID } from 'node:crypto';
import { QueryCommand } from '../aws/document-store';
import type { TimingEvent, TimingEventInput } from '../audit/types';
import type { Principal } from '../auth/principal';
import { maskPersonalData } from '../identity';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { Context } from '../applications/context';
import { validationFromIssues } from '../applications/errors';
import { applicationId, derivedUploadId, keys } from '../applications/ids';
import { isRequired, runChecks } from '../applications/materials';
import type { ApplicationRecord, TaskRecord, WalkthroughMode } from '../applications/records';
import { submit } from '../applications/submit';
import { provideSupplement } from '../applications/supplement';
import { applicationView } from '../applications/views';
import type { CursorCodec, CursorList } from '../applications/cursor';
import { applicationIdOf, findingId, walkthroughIdOf } from './ids';
import { placeholderFile } from './placeholders';
import { walkthroughReport, findingsOf } from './report';
import type {
  CreateWalkthroughRequest,
  FindingRequest,
  FindingView,
  RectificationRequest,
  WalkthroughCreated,
  WalkthroughSupplementRequest,
  WalkthroughListQuery,
  WalkthroughReport,
} from './schemas';

/** Site settings of walk-throughs (shared/walkthroughs/settings.ts reads them from the environment). */
export interface WalkthroughSettings {
  /** Working days a finding may stay unrectified before it shows `overdue: true`. */
  rectifyWorkingDays: number;
}

/** Who starts a walk-through: the caller, or the probe scheduler (role `system`). */
export interface Starter {
  sub: string;
  role: string;
}

export const walkthroughLinks = (id: string) => ({ self: `/v1/walkthroughs/${id}`, findings: `/v1/walkthroughs/${id}/findings` });

/**
 * `POST /v1/walkthroughs`: a real application through the normal submit path (validation,
 * data-sharing checks, upload verification, the same state machine), labelled
 * `walkthrough: true` and owned by the starter. Its materials are placeholder files put under
 * `uploads/` with the same declaration a presigned PUT carries, so they pass the same checks.
 * Bad input stores nothing: the form is validated before any upload. With an
 * Idempotency-Key the application id, its upload ids and its requests are derived from it,
 * so a retry resumes the submit tail (docs/DESIGN.md "Crash consistency", Walk-through).
 */
export async function startWalkthrough(
  ctx: Context,
  who: Starter,
  req: CreateWalkthroughRequest,
  idempotencyKey?: string,
): Promise<WalkthroughCreated> {
  const def = ctx.catalog.getService(req.serviceId);
  const form = req.form ?? (def.example as Record<string, unknown>);
  const parsed = def.form.safeParse(form);
  if (!parsed.success) throw validationFromIssues(parsed.error.issues, 'form');
  const checks = await runChecks(def, parsed.data, ctx);
  const key = `walkthrough:${idempotencyKey ?? randomUUID()}`;
  const appId = applicationId(ctx.clock.now(), who.sub, key);
  const existing = await ctx.apps.get(appId);
  if (existing && existing.walkthroughMode !== req.mode) {
    throw new ValidationError([{ path: 'Idempotency-Key', message: 'was already used with a different request body' }]);
  }
  const materials = await Promise.all(
    def.materials
      .filter((m) => isRequired(m, checks))
      .map(async (m) => {
        const uploadId = derivedUploadId(`${appId}:${m.id}`);
        const file = placeholderFile(m.accept, `${def.id}/${m.id}`);
        // A replay finds its application first and never reads these; putting them again is harmless.
        if (!existing) {
          await ctx.docs.putUpload(
            {
              uploadId,
              ownerSub: who.sub,
              serviceId: def.id,
              materialId: m.id,
              contentType: file.contentType,
              sizeBytes: file.bytes.length,
              sha256: file.sha256,
            },
            file.bytes,
          );
        }
        return { materialId: m.id, uploadId };
      }),
  );
  const principal: Principal = { sub: who.sub, role: 'official' };
  const { application } = await submit(ctx, principal, { serviceId: def.id, form, materials }, key, {
    walkthrough: { mode: req.mode, role: who.role },
  });
  const id = walkthroughIdOf(application.id);
  return { id, applicationId: application.id, mode: req.mode, links: walkthroughLinks(id) };
}

/** Puts one placeholder for a material under a derived upload id (the same id on a retry). */
async function putPlaceholder(
  ctx: Context,
  ownerSub: string,
  def: { id: string; materials: readonly { id: string; accept: readonly string[] }[] },
  materialId: string,
  seed: string,
) {
  const spec = def.materials.find((m) => m.id === materialId);
  if (!spec) return undefined;
  const uploadId = derivedUploadId(seed);
  const file = placeholderFile(spec.accept, `${def.id}/${spec.id}`);
  await ctx.docs.putUpload(
    { uploadId, ownerSub, serviceId: def.id, materialId, contentType: file.contentType, sizeBytes: file.bytes.length, sha256: file.sha256 },
    file.bytes,
  );
  return { materialId, uploadId };
}

/**
 * `POST /v1/walkthroughs/{id}/supplements` `{department, note?, form?}`: the walker answers a
 * department's supplement request as the citizen would, through the applicant's own path
 * (`provideSupplement`: the clock suspension, the moved due date, the events). Every material
 * the request listed is uploaded again as a placeholder. Only the walker who started it may
 * answer (404 for anyone else, like another applicant's application).
 */
export async function answerSupplement(
  ctx: Context,
  settings: WalkthroughSettings,
  p: Principal,
  id: string,
  req: WalkthroughSupplementRequest,
): Promise<WalkthroughReport> {
  const { app, tasks } = await load(ctx, id);
  if (app.ownerSub !== p.sub) throw new NotFoundError(`walk-through ${id} not found`);
  const def = ctx.catalog.getServiceVersion(app.serviceId, app.serviceVersion);
  const task = tasks.find((t) => t.department === req.department);
  const round = (task?.supplementRequests.length ?? 0) - 1;
  const request = task?.supplementRequests[round];
  const wanted = request && request.providedAt === undefined ? request.missing.flatMap((m) => (m.materialId ? [m.materialId] : [])) : [];
  const materials = (
    await Promise.all(wanted.map((m) => putPlaceholder(ctx, p.sub, def, m, `${app.id}:${req.department}:${round}:${m}`)))
  ).filter((m) => m !== undefined);
  await provideSupplement(ctx, p, app.id, {
    department: req.department,
    ...(materials.length ? { materials } : {}),
    ...(req.form ? { form: req.form } : {}),
    ...(req.note !== undefined ? { note: req.note } : {}),
  });
  return getWalkthrough(ctx, settings, id);
}

/** A walk-through's application, tasks and timing log, or a 404 for anything that is not a walk-through. */
async function load(ctx: Context, id: string): Promise<{ app: ApplicationRecord; tasks: TaskRecord[]; events: TimingEvent[] }> {
  const appId = applicationIdOf(id);
  const [{ application, tasks }, events] = appId
    ? await Promise.all([ctx.apps.getWithTasks(appId), ctx.log.list(appId)])
    : [{ application: undefined, tasks: [] }, []];
  if (!application?.walkthrough) throw new NotFoundError(`walk-through ${id} not found`);
  return { app: application, tasks, events };
}

function reportOf(
  ctx: Context,
  settings: WalkthroughSettings,
  loaded: { app: ApplicationRecord; tasks: TaskRecord[]; events: TimingEvent[] },
): WalkthroughReport {
  const { app, tasks, events } = loaded;
  const def = ctx.catalog.getServiceVersion(app.serviceId, app.serviceVersion);
  const now = ctx.clock.now();
  // The shown status is the application's, derived from its tasks the way every view derives it.
  const { status } = applicationView(def, app, tasks, events, { kind: 'inspector' }, now, ctx.calendar);
  return walkthroughReport({
    id: walkthroughIdOf(app.id),
    def,
    app,
    status,
    events,
    now,
    calendar: ctx.calendar,
    rectifyWorkingDays: settings.rectifyWorkingDays,
  });
}

/** `GET /v1/walkthroughs/{id}`: the report, computed from the timing log at each read (live while it runs). */
export async function getWalkthrough(ctx: Context, settings: WalkthroughSettings, id: string): Promise<WalkthroughReport> {
  return reportOf(ctx, settings, await load(ctx, id));
}

/**
 * `GET /v1/walkthroughs?serviceId`: every walk-through, newest first (gsi3 partition `WALKS`),
 * each with its report. Officials and inspectors see all of them: supervision is shared (a
 * department head follows the findings the discipline commission recorded, and the other way).
 * With `serviceId` a page may hold fewer items than `limit` (a filter on the partition).
 */
export async function listWalkthroughs(
  ctx: Context,
  cursors: CursorCodec,
  settings: WalkthroughSettings,
  caller: string,
  q: WalkthroughListQuery,
): Promise<{ items: WalkthroughReport[]; nextCursor?: string }> {
  const list: CursorList = {
    name: 'walkthroughs',
    bindings: { caller, serviceId: q.serviceId ?? '' },
    partition: { gsi3pk: keys.walkthroughs },
    carried: ['pk', 'sk', 'gsi3sk'],
  };
  const out = await ctx.ddb.send(
    new QueryCommand({
      TableName: ctx.config.tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ...(q.serviceId ? { FilterExpression: 'serviceId = :s' } : {}),
      ExpressionAttributeValues: { ':pk': keys.walkthroughs, ...(q.serviceId ? { ':s': q.serviceId } : {}) },
      ScanIndexForward: false,
      Limit: q.limit,
      ExclusiveStartKey: cursors.decode(q.cursor, list),
    }),
  );
  const apps = (out.Items ?? []) as ApplicationRecord[];
  const items = await Promise.all(apps.map(async (a) => reportOf(ctx, settings, await load(ctx, walkthroughIdOf(a.id)))));
  const nextCursor = cursors.encode(out.LastEvaluatedKey, list);
  return { items, ...(nextCursor ? { nextCursor } : {}) };
}

/**
 * `POST /v1/walkthroughs/{id}/findings`: ONE timing-log append on the walk-through's
 * application (`finding-recorded`, keyed by the finding id), so a finding is auditable and
 * cannot be edited; its id derives from the Idempotency-Key when given (a retry returns it
 * again; the same key with another body is 422).
 */
export async function addFinding(
  ctx: Context,
  settings: WalkthroughSettings,
  p: Principal,
  id: string,
  req: FindingRequest,
  idempotencyKey?: string,
): Promise<FindingView> {
  const { app } = await load(ctx, id);
  const def = ctx.catalog.getServiceVersion(app.serviceId, app.serviceVersion);
  if (req.department !== undefined && !def.departments.some((d) => d.id === req.department)) {
    throw new ValidationError([{ path: 'department', message: `${req.department} is not a department of ${def.id}` }]);
  }
  const fid = findingId(p.sub, idempotencyKey === undefined ? undefined : `${id}\n${idempotencyKey}`);
  const detail = { findingId: fid, text: req.text, severity: req.severity };
  const event = await ctx.log.append(app.id, {
    ...base(app, p, req.department),
    key: `finding:${fid}`,
    type: 'finding-recorded',
    detail,
  });
  // Compared as stored: the log masks ID numbers in details.
  const stored = maskPersonalData(detail);
  if (event.detail?.text !== stored.text || event.detail.severity !== req.severity || event.department !== req.department) {
    throw new ValidationError([{ path: 'Idempotency-Key', message: 'was already used with a different request body' }]);
  }
  return findingView(ctx, settings, [event], fid);
}

/**
 * `POST /v1/walkthroughs/{id}/findings/{findingId}/rectification`: ONE append
 * (`finding-rectified`, keyed per finding: a finding is rectified once). The same note again
 * replays 200; another note for a rectified finding is 409.
 */
export async function rectify(
  ctx: Context,
  settings: WalkthroughSettings,
  p: Principal,
  id: string,
  fid: string,
  req: RectificationRequest,
): Promise<FindingView> {
  const { app, events } = await load(ctx, id);
  const recorded = events.find((e) => e.type === 'finding-recorded' && e.detail?.findingId === fid);
  if (!recorded) throw new NotFoundError(`finding ${fid} of ${id} not found`);
  const event = await ctx.log.append(app.id, {
    ...base(app, p, recorded.department),
    key: `finding-rectified:${fid}`,
    type: 'finding-rectified',
    detail: { findingId: fid, note: req.note },
  });
  if (event.detail?.note !== maskPersonalData({ note: req.note }).note) throw new ConflictError(`finding ${fid} was already rectified`);
  return findingView(ctx, settings, [recorded, event], fid);
}

const base = (app: ApplicationRecord, p: Principal, department: string | undefined): Omit<TimingEventInput, 'key' | 'type'> => ({
  actor: { role: p.role, sub: p.sub },
  serviceId: app.serviceId,
  walkthrough: true,
  ...(department !== undefined ? { department } : {}),
});

function findingView(ctx: Context, settings: WalkthroughSettings, events: TimingEvent[], fid: string): FindingView {
  const view = findingsOf(events, ctx.calendar, settings.rectifyWorkingDays, ctx.clock.now()).find((f) => f.id === fid);
  if (!view) throw new NotFoundError(`finding ${fid} not found`);
  return view;
}

export type { WalkthroughMode };
