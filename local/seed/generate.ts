/**
 * The synthetic half-year of 12345 events (`npm run seed:hotline`). Pure: a seed, a period
 * and the event definition in, events with their timing-log timelines out; nothing here
 * computes the figures (figures.ts reads them back from the store).
 *
 * The model, after the seed (上街区, first half of the year: 37,176 events, 28,997 small
 * ones solved on the spot through 随手记, 99.55 % completed, 47 minutes on average):
 * - arrivals: working days weigh 1, days off 0.4; on working days 80 % inside working hours; outside working hours 98.5 % are grid records (non-urgent calls at night are few), inside 74 %;
 * - about 78 % are grid workers' on-the-spot records (accepted in minutes, handled in minutes, at
 *   any hour), the rest citizens' reports routed by the table, accepted and handled in
 *   working time (natural time for urgent categories);
 * - 4 % of reports are returned once (15 % of those twice); 0.45 % are still open at the end.
 */
import type { TimingEventInput } from '../../shared/audit/types';
import { createWorkingHours, type WorkingCalendar, type WorkingHours } from '../../shared/calendar';
import { eventTiming } from '../../shared/events/timing';
import { eventKeys, type EventRecord } from '../../shared/events/records';
import { candidates } from '../../workflows/events/routing';
import type { EventCategory, EventDefinition } from '../../workflows/events/types';
import { seededRandom, type Random } from './random';
import { base32 } from '../../shared/applications/ids';
import { createHash } from 'node:crypto';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const CST = 8 * HOUR;

export interface SeedOptions {
  events: number;
  seed: number;
  /** First CST day of the period, `YYYY-MM-DD`. */
  from: string;
  days: number;
}

export interface SeededEvent {
  record: EventRecord;
  timeline: Array<{ at: Date; input: TimingEventInput }>;
}

const STREET_WEIGHTS: Record<string, number> = { jiyuanlu: 22, xinanlu: 20, gongyelu: 18, zhongxinlu: 16, kuangshan: 12, xiawo: 12 };
const RETURN_REASONS = ['不属于本单位职责', '地址不在辖区', '应由属地街道先行处置', '事项已由其他部门办理'];
const RATING_WEIGHTS = [1, 3, 6, 20, 70]; // levels 1..5

/** Generates `opts.events` events, oldest first, all inside the period (arrivals and every step before its end). */
export function generateEvents(def: EventDefinition, calendar: WorkingCalendar, opts: SeedOptions): SeededEvent[] {
  const rnd = seededRandom(opts.seed);
  const hours = createWorkingHours(calendar, def.workingHours);
  const start = new Date(`${opts.from}T00:00:00+08:00`).getTime();
  const end = start + opts.days * DAY;
  const dayWeights = Array.from({ length: opts.days }, (_, d) => (calendar.isWorkingDay(cstDateOf(start + d * DAY)) ? 1 : 0.4));
  const arrivals = Array.from({ length: opts.events }, () => arrival(rnd, hours, calendar, start, dayWeights)).sort((a, b) => a - b);
  return arrivals.map((at, i) => oneEvent(def, hours, rnd, opts.seed, i, new Date(at), end));
}

function arrival(rnd: Random, hours: WorkingHours, calendar: WorkingCalendar, start: number, dayWeights: number[]): number {
  const day = start + rnd.pick(dayWeights) * DAY;
  if (calendar.isWorkingDay(cstDateOf(day)) && rnd.next() < 0.8) {
    // Inside a session, uniformly over the day's working minutes.
    const sessions = hours.config.sessions.map((s) => [minutes(s.start), minutes(s.end)] as const);
    const total = sessions.reduce((sum, [a, b]) => sum + b - a, 0);
    let m = rnd.next() * total;
    for (const [a, b] of sessions) {
      if (m < b - a) return day + (a + m) * MIN;
      m -= b - a;
    }
  }
  return day + (7 * 60 + rnd.next() * 14 * 60) * MIN; // 07:00-21:00
}

function oneEvent(def: EventDefinition, hours: WorkingHours, rnd: Random, seed: number, index: number, at: Date, end: number): SeededEvent {
  const category = def.categories[rnd.pick(def.categories.map((c) => c.weight))]!;
  const streets = def.streets.map((s) => s.id);
  const street = streets[rnd.pick(streets.map((s) => STREET_WEIGHTS[s] ?? 10))]!;
  const id = 'E' + base32(createHash('sha256').update(`seed\n${seed}\n${index}`).digest(), 26);
  const ownerSub = `seed-citizen-${(index * 7919) % 5000}`;
  const onTheSpot = rnd.next() < (hours.isWorkingTime(at) ? 0.74 : 0.985);
  const timeline: SeededEvent['timeline'] = [];
  const log = (t: Date, ...inputs: TimingEventInput[]) => inputs.forEach((input) => timeline.push({ at: t, input }));
  const record: EventRecord = {
    ...eventKeys.item(id),
    id,
    serviceId: def.id,
    serviceVersion: def.version,
    ownerSub,
    channel: onTheSpot ? 'grid' : 'citizen',
    category: category.id,
    location: { street, address: `${def.streets.find((s) => s.id === street)?.name.zh ?? street}${1 + (index % 90)}号` },
    description: `${category.name.zh}（生成数据）`,
    contact: { name: '测试', phone: '13800000000' },
    status: 'dispatched',
    department: '',
    returns: [],
    submittedAt: at.toISOString(),
    dispatchedAt: at.toISOString(),
    acceptDueAt: '',
    walkthrough: false,
    requestHash: '',
    gsi1pk: eventKeys.owner(ownerSub),
    gsi1sk: `${at.toISOString()}#${id}`,
    gsi3pk: '',
    gsi3sk: '',
  };
  log(at, eventTiming.submitted(record));

  const route = candidates(def, category.id, street);
  const returns = onTheSpot ? 0 : rnd.next() < 0.04 ? (rnd.next() < 0.15 ? 2 : 1) : 0;
  let t = at;
  let round = 0;
  for (; ; round++) {
    const department = route[Math.min(round, route.length - 1)]!;
    const acceptDue = hours.addHours(t, category.acceptHours, category.clock);
    Object.assign(record, { department, dispatchedAt: t.toISOString(), acceptDueAt: acceptDue.toISOString() });
    log(t, ...eventTiming.dispatched(record, department, acceptDue.toISOString(), round + 1));
    const acceptAt = onTheSpot ? new Date(t.getTime() + (1 + rnd.next() * 2) * MIN) : later(hours, category, t, rnd.exp(5));
    if (acceptAt.getTime() >= end) return open(record, timeline, department, acceptDue, end, 'acceptance', log);
    if (acceptAt > acceptDue) log(acceptDue, eventTiming.overdue(record, department, 'acceptance', acceptDue.toISOString()));
    if (round < returns && round < route.length - 1) {
      const reason = RETURN_REASONS[Math.floor(rnd.next() * RETURN_REASONS.length)]!;
      record.returns.push({ department, reason, at: acceptAt.toISOString(), by: `seed-officer-${department}` });
      log(acceptAt, ...eventTiming.returned(record, department, `seed-officer-${department}`, reason, record.returns.length));
      t = acceptAt;
      continue;
    }
    const handleDue = hours.addHours(acceptAt, category.handleHours, category.clock);
    const by = `seed-officer-${department}`;
    log(acceptAt, eventTiming.accepted(record, department, by, handleDue.toISOString(), hours.workingMinutesBetween(t, acceptAt)));
    Object.assign(record, { status: 'accepted', acceptedAt: acceptAt.toISOString(), handleDueAt: handleDue.toISOString() });
    const stuck = rnd.next() < 0.0045;
    const replyAt = onTheSpot ? new Date(acceptAt.getTime() + (3 + rnd.exp(7)) * MIN) : later(hours, category, acceptAt, 6 + rnd.exp(20));
    if (stuck || replyAt.getTime() >= end) return open(record, timeline, department, handleDue, end, 'reply', log);
    if (replyAt > handleDue) log(handleDue, eventTiming.overdue(record, department, 'reply', handleDue.toISOString()));
    const daysUsed = Math.max(0, Math.floor((replyAt.getTime() + CST) / DAY) - Math.floor((acceptAt.getTime() + CST) / DAY));
    log(replyAt, ...eventTiming.handled(record, department, by, handleDue.toISOString(), daysUsed));
    Object.assign(record, {
      status: 'handled',
      repliedAt: replyAt.toISOString(),
      completedAt: replyAt.toISOString(),
      reply: '已处置完毕（生成数据）',
      ...inbox(department, false, handleDue, id),
    });
    if (rnd.next() < 0.8) {
      const ratedAt = new Date(replyAt.getTime() + (0.5 + rnd.exp(12)) * HOUR);
      if (ratedAt.getTime() < end) {
        const level = 1 + rnd.pick(RATING_WEIGHTS);
        log(ratedAt, eventTiming.rated(record, level));
        Object.assign(record, { status: 'closed', rating: { level, at: ratedAt.toISOString() } });
      }
    }
    break;
  }
  return { record, timeline: inOrder(timeline) };
}

/** `minutes` of the category's clock after `from`: working minutes, or natural ones for urgent categories. */
function later(hours: WorkingHours, category: EventCategory, from: Date, minutes: number): Date {
  return hours.addHours(from, Math.max(1, Math.round(minutes)) / 60, category.clock);
}

/** An event still open at the end of the period: overdue if its limit passed. */
function open(
  record: EventRecord,
  timeline: SeededEvent['timeline'],
  department: string,
  due: Date,
  end: number,
  stage: 'acceptance' | 'reply',
  log: (t: Date, ...inputs: TimingEventInput[]) => void,
): SeededEvent {
  if (due.getTime() < end) log(due, eventTiming.overdue(record, department, stage, due.toISOString()));
  Object.assign(record, inbox(department, true, due, record.id));
  return { record, timeline: inOrder(timeline) };
}

const inbox = (department: string, isOpen: boolean, due: Date, id: string) => ({
  gsi3pk: eventKeys.inbox(department, isOpen),
  gsi3sk: `${due.toISOString()}#${id}`,
});

/** The chain must be in time order; events of one instant keep their logical order. */
const inOrder = (timeline: SeededEvent['timeline']) =>
  timeline
    .map((e, i) => ({ ...e, i }))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.i - b.i)
    .map(({ at, input }) => ({ at, input }));

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const cstDateOf = (ms: number) => new Date(ms + CST).toISOString().slice(0, 10);
