import type { TimingLog } from '../audit/store';
import type { TimingEvent, TimingEventInput } from '../audit/types';
import type { Addressing, Outbox } from './outbox';

/**
 * The timing log whose appends also take the application as the caller holds it (`about`), so
 * that the outbox addresses the notifications without reading the application again.
 */
export interface NotifyingLog extends Omit<TimingLog, 'append' | 'appendAll'> {
  append(applicationId: string, event: TimingEventInput, opts?: { newChain?: boolean; about?: Addressing }): Promise<TimingEvent>;
  appendAll(applicationId: string, events: TimingEventInput[], opts?: { about?: Addressing }): Promise<TimingEvent[]>;
}

/**
 * The timing log, with each notifying event's notifications written by the same call that
 * logs it, also when the event was logged before (a replayed step gets the stored event back
 * and writes what a crash between the two writes left out; docs/DESIGN.md "Crash consistency").
 */
export function withNotifications(log: TimingLog, outbox: Outbox): NotifyingLog {
  return {
    append: async (applicationId, event, opts) => {
      const logged = await log.append(applicationId, event, opts?.newChain === undefined ? undefined : { newChain: opts.newChain });
      await outbox.record(applicationId, [logged], opts?.about);
      return logged;
    },
    appendAll: async (applicationId, events, opts) => {
      const logged = await log.appendAll(applicationId, events);
      await outbox.record(applicationId, logged, opts?.about);
      return logged;
    },
    // `ensure` is for `branch-opened`, which notifies nobody.
    ensure: (applicationId, event) => log.ensure(applicationId, event),
    list: (applicationId) => log.list(applicationId),
  };
}
