/**
 * `GET /v1/audit/events`: the timing log across applications, in time order, for inspectors.
 *
 * Order comes from the by-day index `gsi1` (`DAY#<utc day>`, `<at>#<appId>#<seq>`), not from
 * a global sequence: a sequence would be one counter item written by every append (a hot key
 * at enrolment peaks, and a second write that a crash can separate from the event), while the
 * index is kept by DynamoDB itself and spreads load over one partition per day. Ties at the
 * same millisecond are ordered by application id and seq, which is stable across pages.
 * With `applicationId` the chain itself is read (its seq order is its time order).
 */
import { QueryCommand, type DocumentStore, type QueryCommandInput } from '../aws/document-store';
import type { CursorCodec, CursorList } from '../applications/cursor';
import { maskPersonalData } from '../identity';
import { utcDaysCovering, type Period } from './period';
import type { TimingEvent, TimingEventType } from './types';

export interface EventFilters {
  applicationId?: string;
  department?: string;
  serviceId?: string;
  type?: TimingEventType;
  period?: Period;
  includeTests: boolean;
}

export interface InspectorEvent {
  applicationId: string;
  seq: number;
  at: string;
  type: string;
  serviceId: string;
  department?: string;
  actor: { role: string; sub?: string };
  dueAt?: string;
  workingDaysUsed?: number;
  detail?: Record<string, unknown>;
  walkthrough: boolean;
  prevHash: string;
  hash: string;
}

type Item = TimingEvent & Record<string, unknown>;
/** Items evaluated per DynamoDB call: filters may drop most of them, so read more than a page. */
const READ_BATCH = 200;

/** The wire form of a stored event; ID numbers in `detail` masked again in case an old item escaped. */
export function toInspectorEvent(e: TimingEvent): InspectorEvent {
  return {
    applicationId: e.applicationId,
    seq: e.seq,
    at: e.at,
    type: e.type,
    serviceId: e.serviceId,
    ...(e.department !== undefined ? { department: e.department } : {}),
    actor: { role: e.actor.role, ...(e.actor.sub !== undefined ? { sub: e.actor.sub } : {}) },
    ...(e.dueAt !== undefined ? { dueAt: e.dueAt } : {}),
    ...(e.workingDaysUsed !== undefined ? { workingDaysUsed: e.workingDaysUsed } : {}),
    ...(e.detail !== undefined ? { detail: maskPersonalData(e.detail) } : {}),
    walkthrough: e.walkthrough,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

/** DynamoDB FilterExpression parts for the filters the key does not already apply. */
function filterOf(
  f: EventFilters,
  withPeriod: boolean,
): Pick<QueryCommandInput, 'FilterExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'> {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const eq = (attr: string, value: unknown) => {
    names[`#${attr}`] = attr;
    values[`:${attr}`] = value;
    parts.push(`#${attr} = :${attr}`);
  };
  if (f.department !== undefined) eq('department', f.department);
  if (f.serviceId !== undefined) eq('serviceId', f.serviceId);
  if (f.type !== undefined) eq('type', f.type);
  if (!f.includeTests) eq('walkthrough', false);
  if (withPeriod && f.period) {
    names['#at'] = 'at';
    values[':startAt'] = f.period.startAt;
    values[':endAt'] = f.period.endAt;
    parts.push('#at >= :startAt AND #at < :endAt');
  }
  return parts.length === 0
    ? {}
    : { FilterExpression: parts.join(' AND '), ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}

/**
 * One page of events matching `f`, oldest first. The cursor is the key of the last event
 * returned (or DynamoDB's last evaluated key), signed and bound to the caller and filters.
 */
export async function listEvents(
  deps: { ddb: DocumentStore; tableName: string; cursors: CursorCodec },
  who: string,
  f: EventFilters,
  page: { limit: number; cursor?: string },
): Promise<{ items: InspectorEvent[]; nextCursor?: string }> {
  const bindings = {
    who,
    applicationId: f.applicationId ?? '',
    department: f.department ?? '',
    serviceId: f.serviceId ?? '',
    type: f.type ?? '',
    from: f.period?.from ?? '',
    to: f.period?.to ?? '',
    includeTests: String(f.includeTests),
  };
  if (f.applicationId !== undefined) {
    const list: CursorList = { name: 'audit-chain', bindings, partition: { pk: `APP#${f.applicationId}` }, carried: ['sk'] };
    return readPages(
      deps,
      list,
      page,
      (start) => ({
        TableName: deps.tableName,
        KeyConditionExpression: 'pk = :pk',
        ...merge(filterOf(f, true), { ':pk': `APP#${f.applicationId}` }),
        ExclusiveStartKey: start,
      }),
      ['pk', 'sk'],
    );
  }
  if (!f.period) throw new Error('listEvents: a period or an application is required');
  const period = f.period;
  const list: CursorList = { name: 'audit-events', bindings, partition: {}, carried: ['gsi1pk', 'gsi1sk', 'pk', 'sk'] };
  return readPages(
    deps,
    list,
    page,
    (start, day) => ({
      TableName: deps.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :day AND gsi1sk BETWEEN :startAt AND :endAt',
      ...merge(filterOf(f, false), { ':day': `DAY#${day}`, ':startAt': period.startAt, ':endAt': period.endAt }),
      ExclusiveStartKey: start,
    }),
    ['gsi1pk', 'gsi1sk', 'pk', 'sk'],
    utcDaysCovering(period.startAt, period.endAt),
  );
}

function merge(
  filter: Pick<QueryCommandInput, 'FilterExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>,
  keyValues: Record<string, unknown>,
) {
  return { ...filter, ExpressionAttributeValues: { ...filter.ExpressionAttributeValues, ...keyValues } };
}

/**
 * Reads partitions (`days`, or the single chain) in order from the cursor's position until
 * `limit` events matched. Stopping inside a DynamoDB page resumes after the last event returned.
 */
async function readPages(
  deps: { ddb: DocumentStore; cursors: CursorCodec },
  list: CursorList,
  page: { limit: number; cursor?: string },
  input: (start: Record<string, unknown> | undefined, day: string) => QueryCommandInput,
  keyNames: string[],
  days: string[] = [''],
): Promise<{ items: InspectorEvent[]; nextCursor?: string }> {
  let start: Record<string, unknown> | undefined = deps.cursors.decode(page.cursor, list);
  let dayIndex = 0;
  if (start && days.length > 1) {
    dayIndex = days.indexOf(String(start.gsi1pk).slice('DAY#'.length));
    if (dayIndex < 0) dayIndex = days.length; // bound to these filters by its mac: only a day outside them ends the list
  }
  const items: InspectorEvent[] = [];
  let lastKey: Record<string, unknown> | undefined;
  for (; dayIndex < days.length; dayIndex++) {
    const day = days[dayIndex]!;
    do {
      const out = await deps.ddb.send(new QueryCommand({ ...input(start, day), Limit: READ_BATCH }));
      const got = (out.Items ?? []) as Item[];
      for (const item of got) {
        items.push(toInspectorEvent(item));
        lastKey = Object.fromEntries(keyNames.map((k) => [k, item[k]]));
        if (items.length === page.limit) {
          const more = item !== got.at(-1) || out.LastEvaluatedKey !== undefined || dayIndex < days.length - 1;
          return { items, ...(more ? { nextCursor: deps.cursors.encode(lastKey, list) } : {}) };
        }
      }
      start = out.LastEvaluatedKey;
    } while (start);
  }
  return { items };
}
