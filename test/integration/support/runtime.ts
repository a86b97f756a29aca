import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRuntime, type RunningRuntime } from '../../../local/runtime';
import type { LocalConfig } from '../../../local/config';
import { OneThingClient } from '../../../local/client';

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
export async function startTestRuntime(opts: { clockStart?: string; dataDir?: string; reconcileEveryMs?: number } = {}): Promise<TestRuntime> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'onething-it-'));
  const config: LocalConfig = {
    dataDir,
    host: '127.0.0.1',
    ports: { api: 0, dynamodb: 0, s3: 0, sfn: 0 },
    clockStart: new Date(opts.clockStart ?? DEFAULT_CLOCK_START),
    region: 'us-east-1',
    accountId: '000000000000',
    partition: 'aws',
  };
  // The scheduled reconcile stays off unless a test asks for it: tests run it when they mean to.
  // Strict: the generated state machines must not read a variable before a state assigned it.
  const runtime = await startRuntime(config, { reconcileEveryMs: opts.reconcileEveryMs ?? 0, strictVariables: true });
  return {
    runtime,
    api: new OneThingClient(runtime.urls.api),
    dataDir,
    config,
    close: async () => {
      await runtime.close();
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a value (not undefined) or the deadline passes. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
