import { PutCommand, QueryCommand, type DocumentStore } from '../aws/document-store';
import type { Clock } from '../clock';
import { maskPersonalData } from '../identity';
import { GENESIS_HASH, hashEvent } from './chain';
import { AuditConflictError } from './errors';
import { cachedChain, forgetChain, rememberChain } from './chain-cache';
import { inTurn } from './turns';
import type { TimingEvent, TimingEventInput } from './types';

/** Parallel branches append to one chain at once (8 for utility connection): enough rounds for all. */
const MAX_ATTEMPTS = 12;
const BASE_BACKOFF_MS = 5;
const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const seqKey = (seq: number) => String(seq).padStart(10, '0');
type StoredEvent = TimingEvent & { pk: string; sk: string; gsi1pk: string; gsi1sk: string };

export interface TimingLog {
  /**
   * Appends an event unless one with the same `key` exists; returns the stored event either way.
   * `newChain`: the caller just created the application, so its chain is empty and the first
   * read is skipped (a wrong guess costs one failed conditional put, then the usual re-read).
   */
  append(applicationId: string, event: TimingEventInput, opts?: { newChain?: boolean }): Promise<TimingEvent>;
  /**
   * `append` for an event normally logged already (a branch's `branch-opened`, logged by
   * intake): the read takes no turn, so the branches' waits do not queue behind each other;
   * only a missing event is appended (in turn, re-reading the chain).
   */
  ensure(applicationId: string, event: TimingEventInput): Promise<TimingEvent>;
  /** Appends several events in order with one read (e.g. `decided` + `supplement-requested`). */
  appendAll(applicationId: string, events: TimingEventInput[]): Promise<TimingEvent[]>;
  /** The application's events, oldest first. */
  list(applicationId: string): Promise<TimingEvent[]>;
}

/**
 * The append-only, hash-chained timing log of an application (docs/DESIGN.md "Audit table").
 * An append reads the chain once, skips events whose `key` is already there (a retried step
 * never duplicates) and puts `seq + 1` only if that slot is free; a concurrent writer makes
 * it re-read and retry after a jittered pause. Appends from this process take turns per
 * chain, so only writers elsewhere race. One write per new event, none for a replay.
 *
 * @example
 * const log = createTimingLog({ ddb, clock, tableName: 'onething-audit' });
 * await log.append(appId, { key: 'submitted', type: 'submitted', actor: { role: 'citizen', sub }, serviceId, walkthrough: false });
 */
export function createTimingLog(deps: {
  ddb: DocumentStore;
  clock: Clock;
  tableName: string;
  /** Waits between attempts after a lost race (tests pass an instant one). */
  sleep?: (ms: number) => Promise<void>;
}): TimingLog {
  const { ddb, clock, tableName } = deps;
  const sleep = deps.sleep ?? sleepFor;

  const chainKey = (applicationId: string) => `${tableName}\n${applicationId}`;

  const read = async (applicationId: string): Promise<StoredEvent[]> => {
    const items: StoredEvent[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await ddb.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `APP#${applicationId}` },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...((page.Items ?? []) as StoredEvent[]));
      start = page.LastEvaluatedKey;
    } while (start);
    rememberChain(ddb, chainKey(applicationId), items);
    return items;
  };

  /** The chain as this process last saw it (`chain-cache.ts`), or as stored now. */
  const latest = async (applicationId: string): Promise<readonly StoredEvent[]> =>
    cachedChain<StoredEvent>(ddb, chainKey(applicationId)) ?? (await read(applicationId));

  /** `from`: where the chain is taken from (`empty`: just created; `seen`: the cache if it has it). */
  const tryAppend = async (
    applicationId: string,
    events: TimingEventInput[],
    from: 'empty' | 'seen' | 'stored',
  ): Promise<TimingEvent[]> => {
    const chain: StoredEvent[] =
      from === 'empty' ? [] : from === 'seen' ? [...(await latest(applicationId))] : [...(await read(applicationId))];
    const byKey = new Map(chain.map((e) => [e.key, e]));
    let last = chain.at(-1);
    const out: TimingEvent[] = [];
    for (const input of events) {
      const existing = byKey.get(input.key);
      if (existing) {
        out.push(strip(existing));
        continue;
      }
      const seq = (last?.seq ?? 0) + 1;
      const at = clock.now().toISOString();
      const unhashed: Omit<TimingEvent, 'hash'> = {
        ...input,
        ...(input.detail ? { detail: maskPersonalData(input.detail) } : {}),
        applicationId,
        eventId: `${applicationId}#${seqKey(seq)}`,
        seq,
        at,
        prevHash: last?.hash ?? GENESIS_HASH,
      };
      const event: TimingEvent = { ...unhashed, hash: hashEvent(unhashed, unhashed.prevHash) };
      const item: StoredEvent = {
        ...event,
        pk: `APP#${applicationId}`,
        sk: seqKey(seq),
        gsi1pk: `DAY#${at.slice(0, 10)}`,
        gsi1sk: `${at}#${applicationId}#${seqKey(seq)}`,
      };
      try {
        await ddb.send(new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(sk)' }));
      } catch (error) {
        // The slot is taken: whatever this process remembered of the chain is behind.
        forgetChain(ddb, chainKey(applicationId));
        throw error;
      }
      byKey.set(input.key, item);
      chain.push(item);
      last = item;
      out.push(event);
    }
    rememberChain(ddb, chainKey(applicationId), chain);
    return out;
  };

  const appendAll = (applicationId: string, events: TimingEventInput[], newChain = false): Promise<TimingEvent[]> =>
    inTurn(ddb, `${tableName}\n${applicationId}`, () => appendWithRetries(applicationId, events, newChain));

  const appendWithRetries = async (applicationId: string, events: TimingEventInput[], newChain: boolean): Promise<TimingEvent[]> => {
    for (let attempt = 1; ; attempt++) {
      try {
        // After a lost race the chain is read again: the other writer's events are only there.
        return await tryAppend(applicationId, events, attempt > 1 ? 'stored' : newChain ? 'empty' : 'seen');
      } catch (error) {
        if (!(error instanceof Error) || error.name !== 'ConditionalCheckFailedException') throw error;
        if (attempt >= MAX_ATTEMPTS) throw new AuditConflictError(applicationId, attempt, error);
        // Full jitter, capped: writers that collided spread out instead of colliding again.
        await sleep(Math.random() * BASE_BACKOFF_MS * 2 ** Math.min(attempt, 5));
      }
    }
  };

  return {
    appendAll: (applicationId, events) => appendAll(applicationId, events),
    append: async (applicationId, event, opts) => {
      const [appended] = await appendAll(applicationId, [event], opts?.newChain ?? false);
      if (!appended) throw new Error(`appending to the timing log of ${applicationId} returned no event`);
      return appended;
    },
    ensure: async (applicationId, event) => {
      // A remembered chain is a prefix of the stored one: a key found in it is logged.
      const logged =
        cachedChain<StoredEvent>(ddb, chainKey(applicationId))?.find((e) => e.key === event.key) ??
        (await read(applicationId)).find((e) => e.key === event.key);
      if (logged) return strip(logged);
      const [appended] = await appendAll(applicationId, [event]);
      if (!appended) throw new Error(`appending to the timing log of ${applicationId} returned no event`);
      return appended;
    },
    list: async (applicationId) => (await read(applicationId)).map(strip),
  };
}

function strip(item: StoredEvent | TimingEvent): TimingEvent {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, ...event } = item as StoredEvent;
  return event;
}
