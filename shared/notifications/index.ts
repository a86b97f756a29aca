/**
 * Notifications (docs/API.md "Notifications"): the caller's in-app messages, and the
 * scheduled tick that hands SMS to their queue and checks the 好差评 follow-ups.
 */
import type { PlatformDeps } from '../deps';
import { createContext } from '../applications/context';
import { checkEvaluations, type EvaluationCheckReport } from '../evaluations/checks';
import type { Metrics } from '../observability/metrics';
import { createInbox } from './inbox';
import { dispatchSms, sendSms, type SmsChannel, type SmsQueue } from './sms';

export type { EvaluationCheckReport };

export type { SmsChannel, SmsMessage, SmsQueue } from './sms';

export function createNotificationService(deps: PlatformDeps) {
  const ctx = createContext(deps);
  return createInbox({ ddb: ctx.ddb, tableName: ctx.config.tableName, cursors: ctx.cursors, clock: ctx.clock });
}
export type NotificationService = ReturnType<typeof createNotificationService>;

/** SMS handed to the queue (every minute on AWS, every second locally). */
export function createSmsDispatcher(deps: PlatformDeps, queue: SmsQueue) {
  const ctx = createContext(deps);
  return () => dispatchSms(ctx, queue);
}

/**
 * The scheduled 好差评 check: evaluation events a crash left unlogged are logged, the
 * `UnansweredBadReviews` metric is emitted and each overdue follow-up logged as a warning.
 */
export function createEvaluationCheck(deps: PlatformDeps, metrics: Metrics) {
  const ctx = createContext(deps);
  return async (opts: { graceMs?: number } = {}): Promise<EvaluationCheckReport> => {
    const report = await checkEvaluations(ctx, opts);
    metrics.unansweredBadReviews(report.unanswered.length);
    for (const u of report.unanswered) ctx.logger.warn('bad review not followed up in time', u);
    return report;
  };
}

/** The SMS queue's consumer: sends one message by id through `channel`. */
export function createSmsSender(deps: PlatformDeps, channel: SmsChannel) {
  const ctx = createContext(deps);
  return (id: string) => sendSms(ctx, channel, id);
}
