/**
 * The steps of an event's state machine (workflows/generator/event.ts). Every write is a
 * conditional single-item update or a keyed timing-log append, so a step retried after a
 * crash repeats nothing (docs/DESIGN.md "Crash consistency", 12345 rows).
 */
import { isConditionalCheckFailed } from '../applications/errors';
import { ConflictError } from '../errors';
import { nextDepartment, findCategory } from '../../workflows/events/routing';
import type { EventContext } from './context';
import { eventKeys, type EventRecord } from './records';
import { ReturnAction, type EventAwaitInput, type EventStepInput } from './schemas';
import { eventTiming } from './timing';
import { createMetrics, type Metrics } from '../observability/metrics';

const HOUR = 3_600_000;
/** `escalated` events per stage, then the wait only re-arms (as DEFAULT_MAX_ESCALATIONS for branches). */
const MAX_ESCALATIONS = 10;
/** The stage a wait belongs to, by the status the event must have. */
const STATUS_OF_STAGE = { acceptance: 'dispatched', reply: 'accepted', rating: 'handled' } as const;

/**
 * @param metrics where an overdue checkpoint counts `OverdueTasks{Department}` (the per-department
 * alarms of infra/constructs/observability.ts cover the routing table's departments too).
 */
export function createEventSteps(ctx: EventContext, metrics: Metrics = createMetrics({ clock: ctx.deps.clock })) {
  const now = () => ctx.deps.clock.now();
  const load = async (id: string): Promise<EventRecord> => {
    const e = await ctx.repo.get(id);
    if (!e) throw new ConflictError(`event ${id} does not exist`);
    return e;
  };
  /** A conditional update that lost to an earlier run of the same step is that step done. */
  const updateOnce = async (id: string, fields: Record<string, unknown>, expected: Record<string, unknown>) => {
    try {
      await ctx.repo.update(id, fields, expected);
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  };

  /** When `warnAtShare` of the stage's limit is used, counted on the category's clock (working or natural hours). */
  const warnAt = (e: EventRecord, stage: 'acceptance' | 'reply'): string => {
    const def = ctx.definition(e.serviceId);
    const category = findCategory(def, e.category);
    const [from, limit] = stage === 'acceptance' ? [e.dispatchedAt, category.acceptHours] : [e.acceptedAt!, category.handleHours];
    return ctx
      .hours(def)
      .addHours(new Date(from), def.warnAtShare * limit, category.clock)
      .toISOString();
  };

  async function dispatch(eventId: string, input: unknown) {
    let e = await load(eventId);
    const def = ctx.definition(e.serviceId);
    const category = findCategory(def, e.category);
    const returned = ReturnAction.safeParse(input);
    if (returned.success && !e.returns.some((r) => r.department === e.department)) {
      const { by, at, reason } = returned.data;
      const returns = [...e.returns, { department: e.department, reason, at, by }];
      await updateOnce(eventId, { returns }, { department: e.department, status: 'dispatched' });
      e = await load(eventId);
    }
    if (returned.success)
      await ctx.log.appendAll(
        eventId,
        eventTiming.returned(e, e.returns.at(-1)!.department, returned.data.by, returned.data.reason, e.returns.length),
      );
    const department = nextDepartment(
      def,
      e.category,
      e.location.street,
      e.returns.map((r) => r.department),
    );
    if (!department) throw new ConflictError(`event ${eventId}: every department of its route returned it`);
    if (e.department !== department || !e.acceptDueAt) {
      const t = now();
      const acceptDueAt = ctx.hours(def).addHours(t, category.acceptHours, category.clock).toISOString();
      await updateOnce(
        eventId,
        {
          department,
          status: 'dispatched',
          dispatchedAt: t.toISOString(),
          acceptDueAt,
          gsi3pk: eventKeys.inbox(department, true),
          gsi3sk: `${acceptDueAt}#${eventId}`,
        },
        { department: e.department, status: 'dispatched' },
      );
      e = await load(eventId);
    }
    await ctx.log.appendAll(eventId, eventTiming.dispatched(e, e.department, e.acceptDueAt, e.returns.length + 1));
    return { department: e.department, nextCheckAt: warnAt(e, 'acceptance') };
  }

  async function accept(eventId: string, by: string, at: string) {
    let e = await load(eventId);
    const def = ctx.definition(e.serviceId);
    const category = findCategory(def, e.category);
    if (e.status === 'dispatched') {
      const handleDueAt = ctx.hours(def).addHours(new Date(at), category.handleHours, category.clock).toISOString();
      await updateOnce(
        eventId,
        { status: 'accepted', acceptedAt: at, handleDueAt, gsi3sk: `${handleDueAt}#${eventId}` },
        { status: 'dispatched', department: e.department },
      );
      e = await load(eventId);
    }
    const minutes = ctx.hours(def).workingMinutesBetween(new Date(e.dispatchedAt), new Date(e.acceptedAt ?? at));
    await ctx.log.append(eventId, eventTiming.accepted(e, e.department, by, e.handleDueAt!, minutes));
    return { nextCheckAt: warnAt(e, 'reply') };
  }

  async function checkpoint(eventId: string, stage: 'acceptance' | 'reply') {
    const e = await load(eventId);
    const def = ctx.definition(e.serviceId);
    const due = stage === 'acceptance' ? e.acceptDueAt : e.handleDueAt!;
    const t = now().getTime();
    const warn = warnAt(e, stage);
    if (t < Date.parse(warn)) return { nextCheckAt: warn };
    const base = { ...common(e), department: e.department, dueAt: due, detail: { stage } };
    if (t < Date.parse(due)) {
      await ctx.log.append(eventId, { ...base, key: `warned:${stage}:${e.department}`, type: 'warned', actor: { role: 'system' } });
      return { nextCheckAt: due };
    }
    const every = def.escalateEveryHours * HOUR;
    const n = Math.min(MAX_ESCALATIONS, 1 + Math.floor((t - Date.parse(due)) / every));
    // At every overdue checkpoint, as for a one-thing task (shared/applications/steps/checkpoint.ts);
    // walk-throughs stay out of the officers' figures.
    if (!e.walkthrough) metrics.overdueTask(e.department);
    await ctx.log.appendAll(eventId, [
      eventTiming.overdue(e, e.department, stage, due),
      {
        ...base,
        key: `escalated:${stage}:${e.department}:${n}`,
        type: 'escalated',
        actor: { role: 'system' },
        detail: { stage, round: n },
      },
    ]);
    return { nextCheckAt: new Date(Math.max(t + 60_000, Date.parse(due) + n * every)).toISOString() };
  }

  async function handled(eventId: string, by: string, at: string, text: string) {
    let e = await load(eventId);
    if (e.status === 'accepted') {
      await updateOnce(
        eventId,
        { status: 'handled', repliedAt: at, reply: text, completedAt: now().toISOString(), gsi3pk: eventKeys.inbox(e.department, false) },
        { status: 'accepted', department: e.department },
      );
      e = await load(eventId);
    }
    const used = ctx.deps.calendar.workingDaysUsed(new Date(e.acceptedAt!), new Date(e.repliedAt ?? at));
    await ctx.log.appendAll(eventId, eventTiming.handled(e, e.department, by, e.handleDueAt!, used));
    return { status: 'handled' };
  }

  async function rated(eventId: string, level: number, at: string, comment?: string) {
    const e = await load(eventId);
    await updateOnce(eventId, { status: 'closed', rating: { level, at, ...(comment ? { comment } : {}) } }, { status: 'handled' });
    await ctx.log.append(eventId, eventTiming.rated(e, level));
    return { status: 'closed' };
  }

  return {
    async run(input: EventStepInput): Promise<Record<string, unknown>> {
      switch (input.step) {
        case 'dispatch':
          return dispatch(input.eventId, input.input);
        case 'accept':
          return accept(input.eventId, input.input.by, input.input.at);
        case 'checkpoint':
          return checkpoint(input.eventId, input.stage);
        case 'handled':
          return handled(input.eventId, input.input.by, input.input.at, input.input.text);
        case 'rated':
          return rated(input.eventId, input.input.level, input.input.at, input.input.comment);
        case 'rating-expired':
          await updateOnce(input.eventId, { status: 'closed' }, { status: 'handled' });
          return { status: 'closed' };
        case 'failed': {
          const e = await load(input.eventId);
          await updateOnce(input.eventId, { status: 'failed', gsi3pk: eventKeys.inbox(e.department, false) }, {});
          await ctx.log.append(input.eventId, {
            ...common(e),
            key: 'failed',
            type: 'failed',
            actor: { role: 'system' },
            detail: { error: String(input.error ?? 'unknown') },
          });
          return { status: 'failed' };
        }
      }
    },

    /** A wait's body: stores its token on the event, only while the event is in that stage. */
    async await(input: EventAwaitInput): Promise<void> {
      try {
        await ctx.repo.update(input.eventId, { token: input.token, tokenStage: input.stage }, { status: STATUS_OF_STAGE[input.stage] });
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
        throw new ConflictError(`event ${input.eventId} is not waiting for ${input.stage}`);
      }
    },
  };
}

const common = (e: EventRecord) => ({ serviceId: e.serviceId, walkthrough: e.walkthrough });
