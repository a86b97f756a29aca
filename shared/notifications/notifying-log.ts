import type { TimingLog } from '../audit/store';
import type { Outbox } from './outbox';

/**
 * The timing log, with each notifying event's notifications written by the same call that
 * logs it, also when the event was logged before (a replayed step gets the stored event back
 * and writes what a crash between the two writes left out; docs/DESIGN.md "Crash consistency").
 */
export function withNotifications(log: TimingLog, outbox: Outbox): TimingLog {
  return {
    append: async (applicationId, event, opts) => {
      const logged = await log.append(applicationId, event, opts);
      await outbox.record(applicationId, [logged]);
      return logged;
    },
    appendAll: async (applicationId, events) => {
      const logged = await log.appendAll(applicationId, events);
      await outbox.record(applicationId, logged);
      return logged;
    },
    // `ensure` is for `branch-opened`, which notifies nobody.
    ensure: (applicationId, event) => log.ensure(applicationId, event),
    list: (applicationId) => log.list(applicationId),
  };
}
