import jsonata from 'jsonata';
import { renderStateMachine, type AslState } from '../../../../workflows/generator';
import { twoDepartmentDefinition } from '../fixtures';

/**
 * Evaluates the expressions of the rendered ASL (not the helpers that build them) with the
 * jsonata package, binding what Step Functions provides: `$states`, the workflow variables,
 * `$parse`, and a fixed `$now`.
 */
const asl = renderStateMachine(twoDepartmentDefinition());
const departments = asl.States.Departments;
if (departments.Type !== 'Parallel') throw new Error('Departments is not a Parallel state');
const branch = departments.Branches[1].States;

function task(state: AslState) {
  if (state.Type !== 'Task') throw new Error(`expected a Task, got ${state.Type}`);
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
    'animal-health': { dueAt: '2026-10-09T16:00:00.000Z', warnAt: '2026-10-08T16:00:00.000Z', nextCheckpointAt: '2026-10-08T16:00:00.000Z' },
    'public-security': { dueAt: '2026-10-13T16:00:00.000Z', warnAt: '2026-10-10T16:00:00.000Z', nextCheckpointAt: '2026-10-10T16:00:00.000Z' },
  },
};
const at = (iso: string) => () => iso;

describe('Await TimeoutSeconds', () => {
  const timeout = task(branch.AwaitPublicSecurity).TimeoutSeconds;

  it("counts whole seconds until the branch's own next checkpoint from intake", async () => {
    await expect(evaluate(timeout, { intake, now: at('2026-10-10T15:00:00.000Z') })).resolves.toBe(3600);
  });

  it('rounds up, so that the timeout never fires before the checkpoint', async () => {
    await expect(evaluate(timeout, { intake, now: at('2026-10-10T15:59:58.500Z') })).resolves.toBe(2);
  });

  it('is at least 1 when the checkpoint is already due', async () => {
    await expect(evaluate(timeout, { intake, now: at('2026-10-20T00:00:00.000Z') })).resolves.toBe(1);
  });

  it('follows $schedule once a checkpoint or supplement assigned it', async () => {
    const schedule = { ...intake.branches['public-security'], nextCheckpointAt: '2026-10-11T16:00:00.000Z' };
    await expect(evaluate(timeout, { intake, schedule, now: at('2026-10-10T16:00:00.000Z') })).resolves.toBe(86_400);
  });
});

describe('Await payload', () => {
  it('carries the due and warning instants of its own branch', async () => {
    const payload = task(branch.AwaitPublicSecurity).Arguments.Payload as Record<string, string>;
    const bindings = { intake, applicationId: 'A01', states: { context: { Task: { Token: 'tok' } } } };
    await expect(evaluate(payload.dueAt, bindings)).resolves.toBe('2026-10-13T16:00:00.000Z');
    await expect(evaluate(payload.warnAt, bindings)).resolves.toBe('2026-10-10T16:00:00.000Z');
    await expect(evaluate(payload.token, bindings)).resolves.toBe('tok');
    await expect(evaluate(payload.applicationId, bindings)).resolves.toBe('A01');
  });
});

describe('schedule assignments', () => {
  it('Checkpoint keeps the due dates and takes the next checkpoint from the function', async () => {
    const assign = task(branch.CheckpointPublicSecurity).Assign?.schedule;
    const result = { Payload: { nextCheckpointAt: '2026-10-14T16:00:00.000Z' } };
    await expect(evaluate(assign, { intake, states: { result } })).resolves.toStrictEqual({
      dueAt: '2026-10-13T16:00:00.000Z',
      warnAt: '2026-10-10T16:00:00.000Z',
      nextCheckpointAt: '2026-10-14T16:00:00.000Z',
    });
  });

  it('Supplement takes the moved schedule as delivered', async () => {
    const moved = { dueAt: '2026-10-20T16:00:00.000Z', warnAt: '2026-10-16T16:00:00.000Z', nextCheckpointAt: '2026-10-16T16:00:00.000Z' };
    await expect(evaluate(task(branch.SupplementPublicSecurity).Assign?.schedule, { intake, states: { result: moved } })).resolves.toStrictEqual(moved);
  });
});

describe('Route', () => {
  const route = branch.RoutePublicSecurity;
  if (route.Type !== 'Choice') throw new Error('Route is not a Choice state');

  it.each([
    ['approve', 'ApprovedPublicSecurity'],
    ['reject', 'RejectedPublicSecurity'],
    ['request-supplement', 'SupplementPublicSecurity'],
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
    if (rejected.Type !== 'Fail' || departments.Catch === undefined) throw new Error('unexpected shape');
    const errorOutput = { Error: rejected.Error, Cause: rejected.Cause };
    await expect(evaluate(departments.Catch[0].Output, { states: { errorOutput } })).resolves.toStrictEqual({
      outcome: 'rejected',
      rejectedBy: 'public-security',
    });
  });

  it('Finalize receives the application id and the outcome, and nothing undefined', async () => {
    const finalize = task(asl.States.Finalize);
    const bindings = { applicationId: 'A01', states: { input: departments.Output } };
    await expect(evaluate(finalize.Arguments.Payload, bindings)).resolves.toStrictEqual({ applicationId: 'A01', outcome: 'approved' });
    await expect(evaluate(finalize.Output, bindings)).resolves.toStrictEqual({ applicationId: 'A01', outcome: 'approved' });
  });

  it('Intake keeps the application id and the intake result in variables', async () => {
    const intakeState = task(asl.States.Intake);
    const states = { input: { applicationId: 'A01', serviceId: 'dog-licence', serviceVersion: 1, walkthrough: false }, result: { Payload: intake } };
    await expect(evaluate(intakeState.Assign?.applicationId, { states })).resolves.toBe('A01');
    await expect(evaluate(intakeState.Assign?.intake, { states })).resolves.toStrictEqual(intake);
  });
});
