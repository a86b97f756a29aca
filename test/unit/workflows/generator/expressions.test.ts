import jsonata from 'jsonata';
import { renderStateMachine, type AslState } from '../../../../workflows/generator';
import { twoDepartmentDefinition } from '../fixtures';
import { expressions } from './asl-walk';

/**
 * Evaluates the expressions of the rendered ASL (not the helpers that build them) with the
 * jsonata package, binding what Step Functions provides: `$states`, the workflow variables,
 * `$parse`, and a fixed `$now`.
 */
const asl = renderStateMachine(twoDepartmentDefinition());
const departments = asl.States.Departments;
if (departments?.Type !== 'Parallel') throw new Error('Departments is not a Parallel state');
const branch = departments.Branches[1]!.States;

function task(state: AslState | undefined) {
  if (state?.Type !== 'Task') throw new Error(`expected a Task, got ${state?.Type}`);
  return state;
}

async function evaluate(field: unknown, bindings: Record<string, unknown>): Promise<unknown> {
  if (typeof field !== 'string') throw new Error(`not an expression: ${JSON.stringify(field)}`);
  const expression = /^\{%(.*)%\}$/s.exec(field)?.[1];
  if (!expression) throw new Error(`not an expression: ${field}`);
  const result: unknown = await jsonata(expression).evaluate({}, { parse: (s: string) => JSON.parse(s), ...bindings });
  // Step Functions serialises every result to JSON; so do we (jsonata marks its own objects).
  return result === undefined ? undefined : JSON.parse(JSON.stringify(result));
}

const intake = {
  branches: {
    'animal-health': {
      dueAt: '2026-10-09T16:00:00.000Z',
      warnAt: '2026-10-08T16:00:00.000Z',
      nextCheckpointAt: '2026-10-08T16:00:00.000Z',
    },
    'public-security': {
      dueAt: '2026-10-13T16:00:00.000Z',
      warnAt: '2026-10-10T16:00:00.000Z',
      nextCheckpointAt: '2026-10-10T16:00:00.000Z',
    },
  },
};
const at = (iso: string) => () => iso;
/** A branch's state input: the schedules keyed by department (Intake's output, or its own Checkpoint's/Supplement's). */
const input = intake.branches;

describe('Await TimeoutSeconds', () => {
  const timeout = task(branch.AwaitPublicSecurity).TimeoutSeconds;

  it("counts whole seconds until the branch's own next checkpoint", async () => {
    await expect(evaluate(timeout, { states: { input }, now: at('2026-10-10T15:00:00.000Z') })).resolves.toBe(3600);
  });

  it('rounds up, so that the timeout never fires before the checkpoint', async () => {
    await expect(evaluate(timeout, { states: { input }, now: at('2026-10-10T15:58:58.500Z') })).resolves.toBe(62);
  });

  it('is at least 60 when the checkpoint is already due or past: a past instant cannot make the wait spin', async () => {
    await expect(evaluate(timeout, { states: { input }, now: at('2026-10-10T15:59:58.500Z') })).resolves.toBe(60);
    await expect(evaluate(timeout, { states: { input }, now: at('2026-10-20T00:00:00.000Z') })).resolves.toBe(60);
  });

  it('follows the schedule a checkpoint or supplement output for its department', async () => {
    const later = { 'public-security': { ...input['public-security'], nextCheckpointAt: '2026-10-11T16:00:00.000Z' } };
    await expect(evaluate(timeout, { states: { input: later }, now: at('2026-10-10T16:00:00.000Z') })).resolves.toBe(86_400);
  });
});

describe('Await payload', () => {
  it('carries the application id and the due and warning instants of its own branch', async () => {
    const payload = task(branch.AwaitPublicSecurity).Arguments.Payload as Record<string, string>;
    const bindings = { states: { input, context: { Task: { Token: 'tok' }, Execution: { Input: { applicationId: 'A01' } } } } };
    await expect(evaluate(payload.dueAt, bindings)).resolves.toBe('2026-10-13T16:00:00.000Z');
    await expect(evaluate(payload.warnAt, bindings)).resolves.toBe('2026-10-10T16:00:00.000Z');
    await expect(evaluate(payload.token, bindings)).resolves.toBe('tok');
    await expect(evaluate(payload.applicationId, bindings)).resolves.toBe('A01');
  });
});

describe('schedule outputs', () => {
  it("Checkpoint outputs the function's schedule under its department", async () => {
    const schedule = {
      dueAt: '2026-10-13T16:00:00.000Z',
      warnAt: '2026-10-10T16:00:00.000Z',
      nextCheckpointAt: '2026-10-14T16:00:00.000Z',
    };
    await expect(
      evaluate(task(branch.CheckpointPublicSecurity).Output, { states: { result: { Payload: schedule } } }),
    ).resolves.toStrictEqual({ 'public-security': schedule });
  });

  it('Supplement outputs the moved schedule as delivered', async () => {
    const moved = { dueAt: '2026-10-20T16:00:00.000Z', warnAt: '2026-10-16T16:00:00.000Z', nextCheckpointAt: '2026-10-16T16:00:00.000Z' };
    await expect(evaluate(task(branch.SupplementPublicSecurity).Output, { states: { result: moved } })).resolves.toStrictEqual({
      'public-security': moved,
    });
  });
});

describe('Supplement TimeoutSeconds', () => {
  const timeout = task(branch.SupplementPublicSecurity).TimeoutSeconds;

  it('entered from a decision: the limit in calendar days (never past the limit in working days)', async () => {
    await expect(
      evaluate(timeout, { states: { input: { decision: 'request-supplement' } }, now: at('2026-10-10T15:00:00.000Z') }),
    ).resolves.toBe(30 * 86_400);
  });

  it('entered from the expiry check: until the exact deadline, at least 60 s', async () => {
    const states = { input: { decision: 'request-supplement', supplementDueAt: '2026-11-17T16:00:00.000Z' } };
    await expect(evaluate(timeout, { states, now: at('2026-11-17T15:00:00.000Z') })).resolves.toBe(3600);
    await expect(evaluate(timeout, { states, now: at('2026-11-18T00:00:00.000Z') })).resolves.toBe(60);
  });
});

describe('Route', () => {
  const route = branch.RoutePublicSecurity;
  if (route?.Type !== 'Choice') throw new Error('Route is not a Choice state');

  it.each([
    ['approve', 'ApprovedPublicSecurity'],
    ['reject', 'RejectedPublicSecurity'],
    ['request-supplement', 'SupplementPublicSecurity'],
    ['resume', 'AwaitPublicSecurity'],
  ])('sends %s to %s and to no other state', async (decision, next) => {
    const matches: string[] = [];
    for (const rule of route.Choices) {
      if ((await evaluate(rule.Condition, { states: { input: { decision } } })) === true) matches.push(rule.Next);
    }
    expect(matches).toStrictEqual([next]);
  });
});

describe('outcome', () => {
  it('a rejection names the department from the Fail state Cause', async () => {
    const rejected = branch.RejectedPublicSecurity;
    if (rejected?.Type !== 'Fail' || departments.Catch === undefined) throw new Error('unexpected shape');
    const errorOutput = { Error: rejected.Error, Cause: rejected.Cause };
    await expect(evaluate(departments.Catch[0]!.Output, { states: { errorOutput } })).resolves.toStrictEqual({
      outcome: 'rejected',
      rejectedBy: 'public-security',
    });
  });

  it('any other failure goes to Finalize as failed, with the error name', async () => {
    const catchAll = departments.Catch?.[1];
    const errorOutput = { Error: 'Lambda.Unknown', Cause: 'The function crashed' };
    expect(catchAll?.ErrorEquals).toStrictEqual(['States.ALL']);
    await expect(evaluate(catchAll?.Output, { states: { errorOutput } })).resolves.toStrictEqual({
      outcome: 'failed',
      error: 'Lambda.Unknown',
    });
    expect(task(asl.States.Intake).Catch).toStrictEqual([catchAll]);
  });

  it('Finalize receives the application id and the outcome, and nothing undefined', async () => {
    const finalize = task(asl.States.Finalize);
    const bindings = { states: { input: departments.Output, context: { Execution: { Input: { applicationId: 'A01' } } } } };
    await expect(evaluate(finalize.Arguments.Payload, bindings)).resolves.toStrictEqual({ applicationId: 'A01', outcome: 'approved' });
    await expect(evaluate(finalize.Output, bindings)).resolves.toStrictEqual({ applicationId: 'A01', outcome: 'approved' });
  });

  it('Intake outputs the schedules by department, which enter every branch', async () => {
    const states = {
      input: { applicationId: 'A01', serviceId: 'dog-licence', serviceVersion: 1, walkthrough: false },
      result: { Payload: intake },
    };
    await expect(evaluate(task(asl.States.Intake).Output, { states })).resolves.toStrictEqual(intake.branches);
  });

  it('reads no workflow variable: nothing depends on what AWS does with one never assigned', () => {
    const variables = expressions(asl).flatMap((e) => [...e.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]));
    const functions = new Set(['states', 'merge', 'lookup', 'max', 'ceil', 'toMillis', 'now', 'exists', 'parse']);
    expect(variables.filter((name) => !functions.has(name!))).toStrictEqual([]);
  });
});
