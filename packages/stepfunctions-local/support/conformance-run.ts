import { isDeepStrictEqual } from 'node:util';
import { CreateStateMachineCommand, DescribeExecutionCommand, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { Json } from '../src/api-types';
import type { ConformanceCase } from './conformance-cases';

export const CONFORMANCE_ROLE_ARN = 'arn:aws:iam::000000000000:role/onething-conformance';

/** What the engine reported for one case, in the shape of the case's `expect`. */
export interface Observed {
  status: string;
  output?: Json;
  error?: string | null;
  cause?: string | null;
}

export interface CaseResult {
  id: string;
  category: string;
  expected: ConformanceCase['expect'];
  /** Only the fields the case checks, so `toEqual(expected)` compares exactly those. */
  observed: Observed;
  pass: boolean;
  /** One line per mismatch (empty when the case passes). */
  problems: string[];
}

export interface RunOptions {
  /** Cases run at the same time (retry back-offs overlap). @default 16 */
  concurrency?: number;
  /** Longest wait for one execution to end. @default 60_000 */
  timeoutMs?: number;
}

/** Runs every case through the Step Functions API (`sfn` points at the engine's HTTP server). */
export async function runConformance(sfn: SFNClient, cases: ConformanceCase[], options: RunOptions = {}): Promise<CaseResult[]> {
  const results: CaseResult[] = new Array(cases.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const index = next++;
      results[index] = await runCase(sfn, cases[index]!, index, options.timeoutMs ?? 60_000);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 16 }, worker));
  return results;
}

async function runCase(sfn: SFNClient, c: ConformanceCase, index: number, timeoutMs: number): Promise<CaseResult> {
  let observed: Observed;
  try {
    observed = await execute(sfn, c, index, timeoutMs);
  } catch (err) {
    observed = { status: `API error: ${(err as Error).name}: ${(err as Error).message}` };
  }
  const problems = compare(c.expect, observed);
  return { id: c.id, category: c.category, expected: c.expect, observed, pass: problems.length === 0, problems };
}

async function execute(sfn: SFNClient, c: ConformanceCase, index: number, timeoutMs: number): Promise<Observed> {
  const { stateMachineArn } = await sfn.send(
    new CreateStateMachineCommand({
      name: `conformance-${index}-${c.id}`.slice(0, 80),
      definition: JSON.stringify(c.definition),
      roleArn: CONFORMANCE_ROLE_ARN,
    }),
  );
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'run', input: JSON.stringify(c.input) }));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (d.status !== 'RUNNING') {
      const observed: Observed = { status: d.status ?? '(none)' };
      if ('output' in c.expect) observed.output = d.output === undefined ? '(no output)' : (JSON.parse(d.output) as Json);
      if ('error' in c.expect) observed.error = d.error ?? null;
      if ('cause' in c.expect) observed.cause = d.cause ?? null;
      return observed;
    }
    if (Date.now() > deadline) return { status: `still RUNNING after ${timeoutMs} ms` };
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function compare(expected: ConformanceCase['expect'], observed: Observed): string[] {
  const problems: string[] = [];
  const show = (v: unknown): string => (v === undefined ? '(absent)' : JSON.stringify(v));
  for (const field of ['status', 'output', 'error', 'cause'] as const) {
    if (!(field in expected)) continue;
    if (!isDeepStrictEqual(expected[field], observed[field])) {
      problems.push(`${field}: expected ${show(expected[field])}, got ${show(observed[field])}`);
    }
  }
  return problems;
}
