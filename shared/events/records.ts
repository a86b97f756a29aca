/**
 * A 12345 event as stored (main table, docs/DESIGN.md "12345 events"): one item per event,
 * `pk = EVT#<id>`, `sk = EVT`. Its timing log is the chain `APP#<id>` of the audit table, so
 * the inspector's reports read events and applications alike.
 */
import { base32, timePart } from '../applications/ids';
import { createHash, randomBytes } from 'node:crypto';
import type { StoredPhoto } from './photos';

/** Where the event stands; `handled` = replied, waiting for the citizen's rating; `closed` after it. */
export type EventStatus = 'dispatched' | 'accepted' | 'handled' | 'closed' | 'failed';

export interface EventReturn {
  department: string;
  reason: string;
  at: string;
  by: string;
}

export interface EventRecord {
  pk: string;
  sk: 'EVT';
  id: string;
  serviceId: string;
  serviceVersion: number;
  ownerSub: string;
  /** How it came in: a citizen's report (`citizen`) or a grid worker's on-the-spot record (`grid`, 随手记). */
  channel: 'citizen' | 'grid';
  category: string;
  location: { street: string; address: string };
  description: string;
  /** Only what a callback needs; never shown in lists. */
  contact: { name: string; phone: string };
  status: EventStatus;
  /** The department it is dispatched to now. */
  department: string;
  returns: EventReturn[];
  submittedAt: string;
  dispatchedAt: string;
  acceptDueAt: string;
  acceptedAt?: string;
  handleDueAt?: string;
  repliedAt?: string;
  reply?: string;
  completedAt?: string;
  rating?: { level: number; at: string; comment?: string };
  /** The report's photos, copied under `events/<id>/` before the item was put (photos.ts). */
  photos?: StoredPhoto[];
  walkthrough: boolean;
  requestHash: string;
  /** The current wait's task token and its stage: never leaves the server (views whitelist fields). */
  token?: string;
  tokenStage?: 'acceptance' | 'reply' | 'rating';
  /** The citizen's list. */
  gsi1pk: string;
  gsi1sk: string;
  /** The department's event inbox, soonest due first (open = not yet handled). */
  gsi3pk: string;
  gsi3sk: string;
  /** The not-started mark (`pending.ts`), present from the put until the execution exists. */
  gsi4pk?: string;
  gsi4sk?: string;
}

export const eventKeys = {
  item: (id: string) => ({ pk: `EVT#${id}`, sk: 'EVT' as const }),
  owner: (sub: string) => `EVOWNER#${sub}`,
  inbox: (department: string, open: boolean) => `EVDEPT#${department}#${open ? 'open' : 'done'}`,
};

/**
 * A new event id: `E` + 10 time characters + 16 random ones, or derived from (sub,
 * Idempotency-Key) like an application id, so that the item's conditional put is the
 * idempotency record.
 */
export function eventId(now: Date, sub?: string, idempotencyKey?: string): string {
  if (sub !== undefined && idempotencyKey !== undefined) {
    return 'E' + base32(createHash('sha256').update(`event\n${sub}\n${idempotencyKey}`).digest(), 26);
  }
  return 'E' + timePart(now.getTime()) + base32(randomBytes(10), 16);
}
