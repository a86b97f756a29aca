import { GetCommand, QueryCommand, UpdateCommand } from '../aws/document-store';
import { ValidationError } from '../errors';
import type { Context } from '../applications/context';
import { isConditionalCheckFailed } from '../applications/errors';
import { TERMINAL, type ApplicationRecord, type TaskRecord } from '../applications/records';
import type { Metrics } from '../observability/metrics';
import { applicationIdOf } from './ids';
import type { ProbeSettingsRequest, ProbeView } from './schemas';
import { startWalkthrough } from './walkthroughs';

/**
 * Scheduled probes (docs/DESIGN.md "Walk-throughs and probes"). One item per service in the
 * main table (`PROBE#<serviceId>` / `PROBE`, listed through gsi3 partition `PROBES`):
 * `everyHours`, `enabled`, `nextRunAt` and the `lastRun` (`runKey`, `at`, `status`,
 * `walkthroughId?`, `reason?`). `sweepProbes` is the scheduler's one body, run locally on
 * every dev-clock advance and a real-time timer, on AWS by a single rate schedule.
 */
export interface ProbeRecord {
  pk: string;
  sk: 'PROBE';
  serviceId: string;
  everyHours: number;
  enabled: boolean;
  nextRunAt?: string;
  updatedAt: string;
  updatedBy: string;
  lastRun?: LastRun;
  gsi3pk: string;
  gsi3sk: string;
}

interface LastRun {
  /** The run's Idempotency-Key: a run that crashed before its walk-through existed starts the same one again. */
  runKey: string;
  at: string;
  status: 'running' | 'passed' | 'failed';
  walkthroughId?: string;
  reason?: string;
}

/** Who the scheduler is in the timing log and as the owner of its probes' applications. */
export const PROBE_SCHEDULER = { sub: 'system:probe-scheduler', role: 'system' } as const;
const PARTITION = 'PROBES';
const probeKey = (serviceId: string) => ({ pk: `PROBE#${serviceId}`, sk: 'PROBE' as const });
const HOUR_MS = 3_600_000;

async function readAll(ctx: Context): Promise<ProbeRecord[]> {
  const items: ProbeRecord[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await ctx.ddb.send(
      new QueryCommand({
        TableName: ctx.config.tableName,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk',
        ExpressionAttributeValues: { ':pk': PARTITION },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...((out.Items ?? []) as ProbeRecord[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * `PUT /v1/probes/{serviceId}`: sets the schedule. A probe never run runs at the scheduler's
 * next tick; otherwise the next run is `everyHours` after the last one. One update: the
 * scheduler's own fields (`lastRun`) are never overwritten.
 */
export async function putProbe(ctx: Context, who: { sub: string }, serviceId: string, req: ProbeSettingsRequest): Promise<ProbeView> {
  ctx.catalog.getService(serviceId);
  const now = ctx.clock.now();
  const current = (await ctx.ddb.send(new GetCommand({ TableName: ctx.config.tableName, Key: probeKey(serviceId), ConsistentRead: true })))
    .Item as ProbeRecord | undefined;
  const last = current?.lastRun ? new Date(current.lastRun.at).getTime() : undefined;
  const nextRunAt = new Date(last === undefined ? now.getTime() : Math.max(now.getTime(), last + req.everyHours * HOUR_MS)).toISOString();
  const out = await ctx.ddb.send(
    new UpdateCommand({
      TableName: ctx.config.tableName,
      Key: probeKey(serviceId),
      UpdateExpression:
        'SET serviceId = :s, everyHours = :h, enabled = :e, nextRunAt = :n, updatedAt = :u, updatedBy = :b, gsi3pk = :p, gsi3sk = :s',
      ExpressionAttributeValues: {
        ':s': serviceId,
        ':h': req.everyHours,
        ':e': req.enabled,
        ':n': nextRunAt,
        ':u': now.toISOString(),
        ':b': who.sub,
        ':p': PARTITION,
      },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return (await probeViews(ctx, [out.Attributes as ProbeRecord]))[0] as ProbeView;
}

/** `GET /v1/probes`: every probe with its last run, a running one judged as of now. */
export async function listProbes(ctx: Context): Promise<{ items: ProbeView[] }> {
  return { items: await probeViews(ctx, await readAll(ctx)) };
}

async function probeViews(ctx: Context, probes: ProbeRecord[]): Promise<ProbeView[]> {
  return Promise.all(
    probes.map(async (p) => {
      const run = p.lastRun?.status === 'running' && p.lastRun.walkthroughId ? await judge(ctx, p.lastRun.walkthroughId) : undefined;
      const lastRun = p.lastRun && {
        ...(p.lastRun.walkthroughId ? { walkthroughId: p.lastRun.walkthroughId } : {}),
        status: run?.status ?? p.lastRun.status,
        at: p.lastRun.at,
        ...((run?.reason ?? p.lastRun.reason) ? { reason: run?.reason ?? p.lastRun.reason } : {}),
      };
      return {
        serviceId: p.serviceId,
        everyHours: p.everyHours,
        enabled: p.enabled,
        ...(p.enabled && p.nextRunAt ? { nextRunAt: p.nextRunAt } : {}),
        ...(lastRun ? { lastRun } : {}),
      };
    }),
  );
}

/**
 * Where a probe's walk-through stands: passed once approved; failed when it ended otherwise,
 * or when it is still running past its due date (the latest branch's, suspensions included:
 * the service's own limits); else still running.
 */
async function judge(ctx: Context, walkthroughId: string): Promise<{ status: LastRun['status']; reason?: string }> {
  const appId = applicationIdOf(walkthroughId);
  const { application, tasks } = appId ? await ctx.apps.getWithTasks(appId) : { application: undefined, tasks: [] };
  if (!application) return { status: 'running' };
  return judgeApplication(application, tasks, ctx.clock.now());
}

export function judgeApplication(app: ApplicationRecord, tasks: TaskRecord[], now: Date): { status: LastRun['status']; reason?: string } {
  if (app.status === 'approved') return { status: 'passed' };
  if (TERMINAL.has(app.status)) return { status: 'failed', reason: `the application ended ${app.status}` };
  const due = [app.dueAt, ...tasks.map((t) => t.dueAt)].reduce((a, b) => (b > a ? b : a));
  if (now.toISOString() > due) return { status: 'failed', reason: `not finished within the service's limit (due ${due})` };
  return { status: 'running' };
}

/** What one sweep did (tests and logs). */
export interface SweepReport {
  started: number;
  passed: number;
  failed: number;
}

/**
 * The scheduler's body, safe to run concurrently and after a crash at any point:
 * 1. every due, enabled probe is claimed by ONE conditional update (`nextRunAt` moves on,
 *    `lastRun` becomes a new running run with its `runKey`); a lost race claims nothing;
 * 2. every running run without a walk-through starts it (Idempotency-Key = `runKey`, so a
 *    start repeated after a crash resumes the same application) and records its id; a form
 *    that no longer validates fails the run at once;
 * 3. every running run is judged (`judgeApplication`); passed or failed is written
 *    conditionally on the same run, and each failure emits `ProbeFailures` once.
 */
export async function sweepProbes(ctx: Context, metrics: Metrics): Promise<SweepReport> {
  const now = ctx.clock.now();
  const report: SweepReport = { started: 0, passed: 0, failed: 0 };
  for (const probe of await readAll(ctx)) {
    let run = probe.lastRun;
    if (probe.enabled && probe.nextRunAt !== undefined && probe.nextRunAt <= now.toISOString()) {
      run = (await claim(ctx, probe, now)) ?? run;
    }
    if (run?.status !== 'running') continue;
    try {
      if (!run.walkthroughId) {
        const outcome = await start(ctx, probe.serviceId, run);
        if ('reason' in outcome) {
          if (await finish(ctx, probe.serviceId, run, { status: 'failed', reason: outcome.reason })) {
            metrics.probeFailed(probe.serviceId);
            report.failed++;
          }
          continue;
        }
        run = outcome.run;
        report.started++;
      }
      const verdict = await judge(ctx, run.walkthroughId as string);
      if (verdict.status === 'running') continue;
      if (await finish(ctx, probe.serviceId, run, verdict)) {
        if (verdict.status === 'failed') {
          metrics.probeFailed(probe.serviceId);
          ctx.logger.error('probe failed', { serviceId: probe.serviceId, walkthroughId: run.walkthroughId, reason: verdict.reason });
          report.failed++;
        } else report.passed++;
      }
    } catch (error) {
      // Left running: the next sweep retries (a start with the same runKey resumes the same walk-through).
      ctx.logger.error('probe sweep step failed', { serviceId: probe.serviceId, error: error as Error });
    }
  }
  return report;
}

async function claim(ctx: Context, probe: ProbeRecord, now: Date): Promise<LastRun | undefined> {
  const run: LastRun = { runKey: `probe:${probe.serviceId}:${probe.nextRunAt}`, at: now.toISOString(), status: 'running' };
  try {
    await ctx.ddb.send(
      new UpdateCommand({
        TableName: ctx.config.tableName,
        Key: probeKey(probe.serviceId),
        UpdateExpression: 'SET nextRunAt = :next, lastRun = :run',
        ConditionExpression: 'nextRunAt = :was AND enabled = :t',
        ExpressionAttributeValues: {
          ':next': new Date(now.getTime() + probe.everyHours * HOUR_MS).toISOString(),
          ':run': run,
          ':was': probe.nextRunAt,
          ':t': true,
        },
      }),
    );
    return run;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return undefined;
    throw error;
  }
}

async function start(ctx: Context, serviceId: string, run: LastRun): Promise<{ run: LastRun } | { reason: string }> {
  let walkthroughId: string;
  try {
    ({ id: walkthroughId } = await startWalkthrough(ctx, PROBE_SCHEDULER, { serviceId, mode: 'probe' }, run.runKey));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { reason: `the example form no longer validates: ${error.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}` };
  }
  const next = { ...run, walkthroughId };
  await ctx.ddb.send(
    new UpdateCommand({
      TableName: ctx.config.tableName,
      Key: probeKey(serviceId),
      UpdateExpression: 'SET lastRun.walkthroughId = :w',
      ConditionExpression: 'lastRun.runKey = :k',
      ExpressionAttributeValues: { ':w': walkthroughId, ':k': run.runKey },
    }),
  );
  return { run: next };
}

/** Writes the run's end once (conditional on the run still running): true for the writer that did. */
async function finish(ctx: Context, serviceId: string, run: LastRun, verdict: { status: LastRun['status']; reason?: string }) {
  try {
    await ctx.ddb.send(
      new UpdateCommand({
        TableName: ctx.config.tableName,
        Key: probeKey(serviceId),
        UpdateExpression: `SET lastRun.#s = :s${verdict.reason ? ', lastRun.reason = :r' : ''}`,
        ConditionExpression: 'lastRun.runKey = :k AND lastRun.#s = :running',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':s': verdict.status,
          ':k': run.runKey,
          ':running': 'running',
          ...(verdict.reason ? { ':r': verdict.reason } : {}),
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}
