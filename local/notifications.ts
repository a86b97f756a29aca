/**
 * The local side of notifications: SMS go to `<data dir>/sms-outbox.jsonl` through the same
 * dispatcher and sender the AWS functions run (the queue is a direct call here), and the
 * 好差评 check runs on a timer like the AWS schedule.
 */
import path from 'node:path';
import type { PlatformDeps } from '../shared/deps';
import { createMetrics } from '../shared/observability/metrics';
import { createEvaluationCheck, createSmsDispatcher, createSmsSender, type EvaluationCheckReport } from '../shared/notifications';
import { createFileSmsChannel } from '../shared/notifications/channels/sms-file';
import type { StepLane } from './step-lane';

export const SMS_OUTBOX_FILE = 'sms-outbox.jsonl';

export interface LocalNotifications {
  /** The SMS outbox file (one JSON line per message). */
  smsFile: string;
  /** One dispatch now: every SMS due is sent; resolves when they are in the file. */
  dispatchSms(): Promise<number>;
  /** One 好差评 check now (the timer runs it every `checkEveryMs`). */
  checkEvaluations(opts?: { graceMs?: number }): Promise<EvaluationCheckReport>;
  stop(): Promise<void>;
}

export function startLocalNotifications(
  deps: PlatformDeps,
  opts: {
    dataDir: string;
    smsEveryMs: number;
    checkEveryMs: number;
    log: (line: string) => void;
    ran: () => void;
    /** Issue 9: each send waits its turn with the workflow steps (local/step-lane.ts): on AWS the SMS sender is one more background Lambda. */
    lane?: Pick<StepLane, 'wrap'>;
  },
): LocalNotifications {
  const channel = createFileSmsChannel(path.join(opts.dataDir, SMS_OUTBOX_FILE), deps.clock);
  const sendNow = createSmsSender(deps, channel);
  const send = opts.lane ? opts.lane.wrap(sendNow) : sendNow;
  const dispatch = createSmsDispatcher(deps, {
    enqueue: async (ids) => {
      for (const id of ids) await send(id);
    },
  });
  // The metric goes to the console only when there is something to see (an EMF line a second would drown it).
  const metrics = createMetrics({
    clock: deps.clock,
    write: (line) => (/"UnansweredBadReviews":0\}/.test(line) ? undefined : opts.log(line)),
  });
  const check = createEvaluationCheck(deps, metrics);

  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  const every = (ms: number, run: () => Promise<unknown>) => {
    if (ms <= 0) return;
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      const p = run()
        .catch((error: unknown) => deps.logger.error('notifications timer failed', { error: error as Error }))
        .finally(() => {
          busy = false;
          running.delete(p);
          opts.ran();
        });
      running.add(p);
    }, ms);
    timer.unref();
    timers.push(timer);
  };
  every(opts.smsEveryMs, async () => (await dispatch()).dispatched);
  every(opts.checkEveryMs, () => check());

  return {
    smsFile: channel.file,
    dispatchSms: async () => (await dispatch()).dispatched,
    checkEvaluations: (o) => check(o),
    stop: async () => {
      for (const t of timers) clearInterval(t);
      await Promise.all([...running]);
    },
  };
}
