import type { Context } from '../context';
import { startExecution } from '../executions';
import type { PendingPage } from '../pending';
import type { ApplicationRecord, TaskRecord } from '../records';
import { settle } from '../redeliver';
import { submittedEvent } from '../submit';
import { finishWithdrawal } from '../withdraw';
import { createEventContext, type EventContext } from '../../events/context';
import type { EventRecord } from '../../events/records';
import { startEvent } from '../../events/start';

export interface ReconcileOptions {
  /** Items per Query page of the index. @default 100 */
  pageSize?: number;
  /** At most this many marked items of each kind per run; the rest wait for the next run. @default 1000 */
  maxItems?: number;
  /** No new page once this much real time has passed (the Lambda has 60 s). @default 40000 */
  budgetMs?: number;
  /**
   * Marks younger than this (platform clock) are left to the request that set them, which is
   * normally finishing them; 0 at local start, when nothing is in flight. @default 60000
   */
  graceMs?: number;
  /** Items handled at once within a page. @default 8 */
  concurrency?: number;
}

export interface ReconcileReport {
  /** Executions started for applications and 12345 events stored but not started. */
  started: number;
  /** Withdrawals whose stop and cancellations it finished. */
  stopped: number;
  /** Recorded results sent to a waiting branch. */
  delivered: number;
  /** Marked items read from the index (nothing else is read to find work). */
  read: number;
  /** Items whose repair failed; their mark stays for the next run. */
  failed: number;
  /** Whether marked items were left for the next run (page size or time budget reached). */
  more: boolean;
  /** Age in seconds (platform clock) of the oldest marked item read, 0 when none: the reconcile-lag metric. */
  lagSeconds: number;
}

/**
 * Repair after a crash (docs/DESIGN.md "Crash consistency"), reading only the sparse index of
 * unfinished work (`pending.ts`), oldest first, bounded per run:
 * - an application or a 12345 event stored but not started gets its `submitted` event and
 *   its execution;
 * - a withdrawal whose tail did not run gets it: `withdrawn`, StopExecution, open tasks cancelled;
 * - a task whose recorded result may be undelivered is settled: its events logged, the
 *   result sent through the stored token (harmless when it did arrive), the mark removed.
 * Whatever it finishes leaves the index, so the next run continues with the rest. Runs at
 * local start, on a timer locally and on a schedule on AWS.
 */
export async function reconcile(ctx: Context, opts: ReconcileOptions = {}): Promise<ReconcileReport> {
  const { pageSize = 100, maxItems = 1000, budgetMs = 40_000, graceMs = 60_000, concurrency = 8 } = opts;
  const deadline = Date.now() + budgetMs;
  const before = new Date(ctx.clock.now().getTime() - graceMs).toISOString();
  const report: ReconcileReport = { started: 0, stopped: 0, delivered: 0, read: 0, failed: 0, more: false, lagSeconds: 0 };
  const now = ctx.clock.now().getTime();

  const drain = async <T>(
    read: (limit: number, start?: Record<string, unknown>) => Promise<PendingPage<T>>,
    repair: (item: T) => Promise<void>,
  ) => {
    let seen = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await read(Math.min(pageSize, maxItems - seen), start);
      seen += page.items.length;
      report.read += page.items.length;
      for (const item of page.items) report.lagSeconds = Math.max(report.lagSeconds, markAgeSeconds(item, now));
      for (let i = 0; i < page.items.length; i += concurrency) {
        await Promise.all(page.items.slice(i, i + concurrency).map((item) => guarded(ctx, report, item, repair)));
      }
      start = page.next;
    } while (start && seen < maxItems && Date.now() < deadline);
    if (start) report.more = true;
  };

  await drain(
    (limit, start) => ctx.pending.unstarted(before, limit, start),
    async (app: ApplicationRecord) => {
      if (await startStored(ctx, app)) report.started++;
    },
  );
  const events = createEventContext(ctx);
  await drain(
    (limit, start) => events.repo.unstarted(before, limit, start),
    async (e: EventRecord) => {
      await startStoredEvent(events, e);
      report.started++;
    },
  );
  await drain(
    (limit, start) => ctx.pending.unstopped(before, limit, start),
    async (app: ApplicationRecord) => {
      await finishWithdrawal(ctx, app, { role: app.submittedAs, sub: app.ownerSub });
      report.stopped++;
    },
  );
  await drain(
    (limit, start) => ctx.pending.undelivered(before, limit, start),
    async (task: TaskRecord) => {
      if ((await settle(ctx, task)) === 'delivered') {
        report.delivered++;
        ctx.logger.info('reconcile delivered a recorded result', { applicationId: task.applicationId, department: task.department });
      }
    },
  );
  return report;
}

/** One item's repair; a failure is logged and counted, and its mark stays for the next run. */
async function guarded<T>(ctx: Context, report: ReconcileReport, item: T, repair: (item: T) => Promise<void>): Promise<void> {
  try {
    await repair(item);
  } catch (error) {
    report.failed++;
    const { pk, sk } = item as { pk?: string; sk?: string };
    ctx.logger.error('reconcile could not repair an item; the next run tries again', { pk, sk, error: error as Error });
  }
}

/** Finishes a submission's tail: `submitted`, StartExecution (idempotent by name), the mark removed. */
async function startStored(ctx: Context, app: ApplicationRecord): Promise<boolean> {
  let started = false;
  // Withdrawn before it started: nothing to start, only the mark to remove.
  if (app.status === 'submitted') {
    await ctx.log.append(app.id, submittedEvent(app));
    await startExecution(ctx.sfn, ctx.config, app);
    ctx.logger.info('reconcile started a missing execution', { applicationId: app.id, serviceId: app.serviceId });
    started = true;
  }
  await ctx.apps.unmark(app.id, 'start');
  return started;
}

/** An event's submission tail (`shared/events/start.ts`), then its mark removed. */
async function startStoredEvent(ctx: EventContext, e: EventRecord): Promise<void> {
  await startEvent(ctx, e);
  ctx.deps.logger.info('reconcile started a missing event execution', { eventId: e.id, serviceId: e.serviceId });
  await ctx.repo.unmarkStart(e.id);
}

/** A mark's sort key starts with the instant it was set (`pending.ts`); its age is how long the item has waited. */
function markAgeSeconds(item: unknown, now: number): number {
  const sk = (item as { gsi4sk?: unknown }).gsi4sk;
  const at = typeof sk === 'string' ? Date.parse(sk.slice(0, sk.indexOf('#'))) : NaN;
  return Number.isFinite(at) ? Math.max(0, Math.round((now - at) / 1000)) : 0;
}
