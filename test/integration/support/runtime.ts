import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRuntime, type RunningRuntime } from '../../../local/runtime';
import type { LocalConfig } from '../../../local/config';
import type { LocalTransport } from '../../../local/transport/mode';
import type { StepLaneOptions } from '../../../local/step-lane';
import { OneThingClient } from '../../../local/client';
import type { Catalog } from '../../../workflows/types';
import { createClientProbes, registerProbes } from './client-probes';

/** A Wednesday before the National Day holidays: due dates cross 10/1-10/7 and the 10/10 make-up day. */
export const DEFAULT_CLOCK_START = '2026-09-30T02:00:00.000Z';

export interface TestRuntime {
  runtime: RunningRuntime;
  api: OneThingClient;
  dataDir: string;
  config: LocalConfig;
  close(): Promise<void>;
}

/** Starts the real embedded runtime (dynalite, s3rver, engine, HTTP API) on ephemeral ports. */
export async function startTestRuntime(
  opts: {
    clockStart?: string;
    dataDir?: string;
    reconcileEveryMs?: number;
    smsEveryMs?: number;
    catalog?: Catalog;
    /** @default the runtime's default (ONETHING_LOCAL_TRANSPORT, else worker) */
    transport?: LocalTransport;
    /** The inspectors' rollup timer (real ms; 0 = off, for tests that run the rollup themselves). */
    factsRollupEveryMs?: number;
    /** @default the runtime's default (ONETHING_STEP_LANE, else DEFAULT_STEP_LANE) */
    stepLane?: StepLaneOptions;
  } = {},
): Promise<TestRuntime> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'onething-it-'));
  const config: LocalConfig = {
    dataDir,
    host: '127.0.0.1',
    ports: { api: 0, dynamodb: 0, s3: 0, sfn: 0 },
    clockStart: new Date(opts.clockStart ?? DEFAULT_CLOCK_START),
    region: 'us-east-1',
    accountId: '000000000000',
    partition: 'aws',
    ...(opts.transport ? { transport: opts.transport } : {}),
  };
  // The scheduled reconcile stays off unless a test asks for it: tests run it when they mean to.
  // Strict: the generated state machines must not read a variable before a state assigned it.
  // Probes sweep after each dev-clock advance only (no real-time timer): tests move the clock when they mean to.
  // The SMS dispatcher leases outbox items in the background, so it is off unless a test reads SMS
  // (tests that compare the tables before and after a request must see only that request's writes).
  // The DynamoDB client resolves its middleware once: the tests' probes are installed now (./client-probes.ts).
  const probes = createClientProbes();
  const runtime = await startRuntime(config, {
    clientMiddleware: probes.middleware,
    reconcileEveryMs: opts.reconcileEveryMs ?? 0,
    probeEveryMs: 0,
    smsEveryMs: opts.smsEveryMs ?? 0,
    strictVariables: true,
    ...(opts.catalog ? { catalog: opts.catalog } : {}),
    ...(opts.factsRollupEveryMs !== undefined ? { factsRollupEveryMs: opts.factsRollupEveryMs } : {}),
    ...(opts.stepLane ? { stepLane: opts.stepLane } : {}),
  });
  registerProbes(runtime.deps.ddb, probes.stack);
  running.add(runtime);
  return {
    runtime,
    api: new OneThingClient(runtime.urls.api),
    dataDir,
    config,
    close: async () => {
      running.delete(runtime);
      await runtime.close();
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The runtimes this test process has started and not closed: `eventually` wakes on their
 * progress signal (a workflow step settled, a reconcile ran) instead of polling on a timer.
 */
const running = new Set<RunningRuntime>();

/** Without a runtime in this process (a platform in a child process) nothing signals: poll. */
const POLL_MS = 50;
/**
 * A change that no hook reports (one made by a request still in flight elsewhere in the
 * test) is seen at the latest after this long; it bounds a wait, nothing asserts on it.
 */
const BACKSTOP_MS = 1_000;

/**
 * Resolves at the next moment the platform may have changed on its own: after a workflow step
 * settled, once the engine has run everything that followed from it (`engine.idle()`).
 */
function nextProgress(): { wait: Promise<void>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const unsubscribe: Array<() => void> = [];
  const cancel = () => {
    clearTimeout(timer);
    for (const off of unsubscribe.splice(0)) off();
  };
  const wait = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, running.size > 0 ? BACKSTOP_MS : POLL_MS);
    for (const r of running) unsubscribe.push(r.progress.onProgress(() => void r.engine.idle().then(resolve)));
  }).finally(cancel);
  return { wait, cancel };
}

/**
 * Re-runs `check` until it returns a value (not undefined) or `timeoutMs` passes; between two
 * checks it waits for the runtime's progress (subscribed before each check, so none is missed).
 */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const progress = nextProgress();
    try {
      const value = await check();
      if (value !== undefined) {
        progress.cancel();
        return value;
      }
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      progress.cancel();
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    }
    await progress.wait;
  }
}

/** Resolves once the runtime's reconcile timer has finished `count` more runs. */
export function reconcileRuns(t: TestRuntime, count: number): Promise<void> {
  return new Promise((resolve) => {
    let left = count;
    const off = t.runtime.progress.onProgress((what) => {
      if (what === 'reconcile' && --left === 0) {
        off();
        resolve();
      }
    });
  });
}
