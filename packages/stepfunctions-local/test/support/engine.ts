/** Helpers of the in-process engine tests: a temp data dir, an engine, machines, runs. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Engine, type EngineOptions } from '../../src';
import type { JsonObject } from '../../src/api-types';

export const ROLE = 'arn:aws:iam::000000000000:role/local';

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-core-'));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Internal errors (engine bugs) seen by engines opened here; tests expect none. */
export const internalErrors: unknown[] = [];

export async function openEngine(dataDir: string, options: Partial<EngineOptions> = {}): Promise<Engine> {
  return Engine.open({ dataDir, onInternalError: (err) => internalErrors.push(err), ...options });
}

/** Waits (real time) until the execution is no longer RUNNING. */
export async function settled(engine: Engine, executionArn: string, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await engine.idle();
    const out = await describe(engine, executionArn);
    if (out.status !== 'RUNNING' || Date.now() > until) return out;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let counter = 0;

/** Creates a state machine with a fresh name; returns its ARN. */
export async function createMachine(engine: Engine, definition: unknown, name = `m${++counter}-${Date.now()}`): Promise<string> {
  const out = await engine.call('CreateStateMachine', { name, definition: JSON.stringify(definition), roleArn: ROLE });
  return out.stateMachineArn as string;
}

/** Starts an execution; returns its ARN. */
export async function start(engine: Engine, machineArn: string, input: unknown = {}, name?: string): Promise<string> {
  const out = await engine.call('StartExecution', { stateMachineArn: machineArn, input: JSON.stringify(input), ...(name ? { name } : {}) });
  return out.executionArn as string;
}

export async function describe(engine: Engine, executionArn: string) {
  return engine.call('DescribeExecution', { executionArn });
}

/** The whole history, following nextToken. */
export async function history(engine: Engine, executionArn: string) {
  const events: { id: number; type: string; [key: string]: unknown }[] = [];
  let nextToken: string | undefined;
  do {
    const out = await engine.call('GetExecutionHistory', { executionArn, maxResults: 1000, ...(nextToken ? { nextToken } : {}) });
    events.push(...(out.events as typeof events));
    nextToken = out.nextToken as string | undefined;
  } while (nextToken);
  return events;
}

/** Creates, runs to idle and describes an execution of `definition`. */
export async function run(engine: Engine, definition: unknown, input: unknown = {}): Promise<JsonObject & { arn: string }> {
  const arn = await start(engine, await createMachine(engine, definition), input);
  await engine.idle();
  return { ...(await describe(engine, arn)), arn };
}
