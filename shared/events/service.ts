/**
 * The 12345 event service behind the API (docs/API.md "12345 events"). It checks requests and
 * hands actions to the state machine through the wait's task token; the machine's steps
 * record them (steps.ts). Submit stores the event (its conditional put is the idempotency
 * record, with the not-started mark), logs `submitted`, starts the execution and removes the
 * mark (start.ts); reconcile finishes what a crash interrupts.
 */
import { createHash } from 'node:crypto';
import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { canonicalJson } from '../audit/canonical';
import type { TimingEvent } from '../audit/types';
import type { Principal } from '../auth/principal';
import { isConditionalCheckFailed, isStaleToken } from '../applications/errors';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { createCursorCodec, fallbackCursorSecret } from '../applications/cursor';
import { candidates, findCategory, mayReturn } from '../../workflows/events/routing';
import type { EventContext } from './context';
import { eventId, eventKeys, type EventRecord } from './records';
import type { EventView, SubmitEventRequest } from './api-schemas';
import { eventStartMark } from './pending';
import { finishSubmission } from './start';
import { photoViews, verifyAndStorePhotos } from './photos';

type Action = { action: 'accept' } | { action: 'return'; reason: string } | { action: 'reply'; text: string };

export function createEventService(ctx: EventContext) {
  const { deps } = ctx;
  const cursors = createCursorCodec(deps.config.cursorSecret ?? fallbackCursorSecret(deps.config.tableName));

  const ownEvent = async (p: Principal, id: string) => {
    const e = await ctx.repo.get(id);
    if (!e || e.ownerSub !== p.sub) throw new NotFoundError(`event ${id} not found`);
    return e;
  };
  const departmentEvent = async (p: Principal, id: string) => {
    const e = await ctx.repo.get(id);
    // Another department's event is not yours: 404, never 403 (HTTP-API.md).
    if (!e || e.department !== p.dept) throw new NotFoundError(`event ${id} not found`);
    return e;
  };

  /** Sends the action through the token of the wait in `stage`; a spent token means someone else acted first. */
  const send = async (e: EventRecord, stage: 'acceptance' | 'reply' | 'rating', output: object) => {
    if (e.tokenStage !== stage || !e.token) throw new ConflictError(`event ${e.id} is not waiting for ${stage}`);
    try {
      await deps.sfn.send(new SendTaskSuccessCommand({ taskToken: e.token, output: JSON.stringify(output) }));
    } catch (error) {
      if (isStaleToken(error)) throw new ConflictError(`event ${e.id} is no longer waiting for ${stage}`);
      throw error;
    }
  };

  return {
    async submit(p: Principal, req: SubmitEventRequest, idempotencyKey?: string): Promise<{ event: EventView; replayed: boolean }> {
      const def = ctx.definition(req.serviceId);
      const errors = [];
      if (!def.categories.some((c) => c.id === req.category))
        errors.push({ path: 'category', message: `unknown category "${req.category}"` });
      if (!def.streets.some((s) => s.id === req.location.street))
        errors.push({ path: 'location.street', message: `unknown street "${req.location.street}"` });
      if (errors.length) throw new ValidationError(errors);
      const now = deps.clock.now();
      const id = eventId(now, idempotencyKey === undefined ? undefined : p.sub, idempotencyKey);
      const requestHash = createHash('sha256').update(canonicalJson(req)).digest('hex');
      const replay = async (existing: EventRecord) => {
        if (existing.requestHash !== requestHash)
          throw new ValidationError([{ path: 'Idempotency-Key', message: 'was already used with a different request body' }]);
        await finishSubmission(ctx, existing);
        return { event: await view(existing), replayed: true };
      };
      if (idempotencyKey !== undefined) {
        const existing = await ctx.repo.get(id);
        if (existing) return replay(existing);
      }
      // Verified and copied under the event's keys before the put: a stored event never names a missing photo.
      const photos = await verifyAndStorePhotos(ctx, def, p, id, req.photos ?? []);
      const first = candidates(def, req.category, req.location.street)[0]!;
      const category = findCategory(def, req.category);
      const at = now.toISOString();
      const acceptDueAt = ctx.hours(def).addHours(now, category.acceptHours, category.clock).toISOString();
      const record: EventRecord = {
        ...eventKeys.item(id),
        id,
        serviceId: def.id,
        serviceVersion: def.version,
        ownerSub: p.sub,
        channel: 'citizen',
        category: req.category,
        location: req.location,
        description: req.description,
        contact: req.contact,
        status: 'dispatched',
        department: first,
        returns: [],
        ...(photos.length ? { photos } : {}),
        submittedAt: at,
        dispatchedAt: at,
        acceptDueAt,
        walkthrough: false,
        requestHash,
        gsi1pk: eventKeys.owner(p.sub),
        gsi1sk: `${at}#${id}`,
        gsi3pk: eventKeys.inbox(first, true),
        gsi3sk: `${acceptDueAt}#${id}`,
        // Until its execution exists, so that reconcile starts it if this request dies first.
        ...eventStartMark({ id, submittedAt: at }),
      };
      try {
        await ctx.repo.create(record);
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
        const existing = await ctx.repo.get(id);
        if (existing) return replay(existing);
        throw error;
      }
      await finishSubmission(ctx, record);
      return { event: await view(record), replayed: false };
    },

    get: async (p: Principal, id: string) => view(await ownEvent(p, id)),

    /**
     * A 5-minute link to photo `n`: for the reporter, officers of the department the event is
     * dispatched to now, and inspectors (their reads are logged at the edge). Others: 404.
     */
    async photoLink(p: Principal, id: string, n: string) {
      const e = await ctx.repo.get(id);
      const reads = p.role === 'inspector' || (p.role === 'officer' ? e?.department === p.dept : e?.ownerSub === p.sub);
      const photo = reads ? e?.photos?.find((ph) => ph.n === Number(n)) : undefined;
      if (!photo) throw new NotFoundError(`photo ${n} of event ${id} not found`);
      return ctx.docs.presignDownload(photo.key);
    },

    async inbox(p: Principal, dept: string, q: { status: 'open' | 'overdue' | 'done'; limit: number; cursor?: string }) {
      if (p.dept !== dept) throw new ForbiddenError(`only officers of ${dept} read its event inbox`);
      const open = q.status !== 'done';
      const list = {
        name: 'event-inbox',
        bindings: { sub: p.sub, dept, status: q.status },
        partition: { gsi3pk: eventKeys.inbox(dept, open) },
        carried: ['gsi3sk', 'pk', 'sk'],
      };
      const startKey = cursors.decode(q.cursor, list);
      const now = deps.clock.now().toISOString();
      const page = await ctx.repo.inbox(dept, open, q.limit, { dueBefore: q.status === 'overdue' ? now : undefined, start: startKey });
      return { items: page.items.map((e) => summary(e, now)), nextCursor: cursors.encode(page.lastKey, list) };
    },

    /** An officer of the event's current department accepts, returns or replies. */
    async act(p: Principal, id: string, action: Action) {
      const e = await departmentEvent(p, id);
      const at = deps.clock.now().toISOString();
      const by = p.sub;
      if (action.action === 'return') {
        if (!mayReturn(ctx.definition(e.serviceId), e.category, e.location.street, e.department))
          throw new ConflictError(`the street office is the last resort for this event and cannot return it`);
        await send(e, 'acceptance', { action: 'return', by, at, reason: action.reason });
      } else if (action.action === 'accept') {
        await send(e, 'acceptance', { action: 'accept', by, at });
      } else {
        await send(e, 'reply', { action: 'reply', by, at, text: action.text });
      }
      return { id, action: action.action, at };
    },

    /** The citizen's callback rating (回访), once, after the reply. */
    async rate(p: Principal, id: string, rating: { level: number; comment?: string }) {
      const e = await ownEvent(p, id);
      const at = deps.clock.now().toISOString();
      await send(e, 'rating', {
        action: 'rate',
        by: p.sub,
        at,
        level: rating.level,
        ...(rating.comment ? { comment: rating.comment } : {}),
      });
      return { id, action: 'rate' as const, at };
    },
  };

  async function view(e: EventRecord): Promise<EventView> {
    const events: TimingEvent[] = await ctx.log.list(e.id);
    const now = deps.clock.now().toISOString();
    return {
      ...summary(e, now),
      description: e.description,
      ...(e.reply !== undefined ? { reply: e.reply } : {}),
      ...(e.rating ? { rating: e.rating } : {}),
      returns: e.returns.map(({ department, reason, at }) => ({ department, reason, at })),
      timeline: events.map((t) => ({
        at: t.at,
        type: t.type,
        ...(t.department ? { department: t.department } : {}),
        actor: { role: t.actor.role },
        ...(t.detail ? { detail: t.detail } : {}),
      })),
    };
  }
}

/** The fields every reader of an event may see (never the contact, the token, the owner or a bucket key). */
function summary(e: EventRecord, now: string) {
  const due = e.status === 'dispatched' ? e.acceptDueAt : e.status === 'accepted' ? e.handleDueAt : undefined;
  return {
    id: e.id,
    serviceId: e.serviceId,
    category: e.category,
    location: e.location,
    status: e.status,
    department: e.department,
    submittedAt: e.submittedAt,
    dispatchedAt: e.dispatchedAt,
    acceptDueAt: e.acceptDueAt,
    ...(e.acceptedAt ? { acceptedAt: e.acceptedAt } : {}),
    ...(e.handleDueAt ? { handleDueAt: e.handleDueAt } : {}),
    ...(e.repliedAt ? { repliedAt: e.repliedAt } : {}),
    overdue: due !== undefined && due < now,
    // Officers see them in the inbox (they do not read the citizen's view).
    photos: photoViews(e.id, e.photos),
  };
}

export type EventService = ReturnType<typeof createEventService>;
