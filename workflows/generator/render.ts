/** Service definition → state machine (ASL, JSONata). The shape is fixed in docs/DESIGN.md. */
import { supplementLimitWorkingDays } from '../defaults';
import { stagesOf } from '../stages';
import type { DepartmentSpec, ServiceDefinition } from '../types';
import type { AslDefinition, AslState, Catcher, JsonValue, ParallelState, TaskState } from './asl';
import { renderBranch } from './branch';
import { APPLICATION_ID, FAILED_OUTCOME, FINALIZE_PAYLOAD, jsonata, REJECTED_OUTCOME } from './expressions';
import { REJECTED_ERROR, stageStateNames, TOP } from './names';
import { FUNCTION_ARNS, LAMBDA_INVOKE } from './placeholders';
import { finalizeRetry, transientRetry } from './retry';

/** Whatever else fails (a step after its retries, an expression, an unknown decision) still ends in Finalize. */
const catchAllIntoFinalize = (): Catcher => ({ ErrorEquals: ['States.ALL'], Output: jsonata(FAILED_OUTCOME), Next: TOP.finalize });

/**
 * Every branch's due dates of the first stage (all departments of a flat service); its
 * output (the schedules by department) enters every branch.
 */
export function renderIntake(next: string = TOP.departments): TaskState {
  return {
    Type: 'Task',
    Resource: LAMBDA_INVOKE,
    Arguments: {
      FunctionName: FUNCTION_ARNS.intake,
      Payload: {
        applicationId: jsonata('$states.input.applicationId'),
        serviceId: jsonata('$states.input.serviceId'),
        serviceVersion: jsonata('$states.input.serviceVersion'),
        // Always a boolean (`=` is false for a missing field): intake then needs no read.
        walkthrough: jsonata('$states.input.walkthrough = true'),
      },
    },
    Output: jsonata('$states.result.Payload.branches'),
    Retry: transientRetry(),
    Catch: [catchAllIntoFinalize()],
    Next: next,
  };
}

/**
 * Opens a later stage: the intake function with the stage's departments computes their due
 * dates from now and logs their `branch-opened` in one append, as Intake does for stage 1.
 */
export function renderOpenStage(departments: readonly DepartmentSpec[], next: string): TaskState {
  return {
    Type: 'Task',
    Resource: LAMBDA_INVOKE,
    Arguments: {
      FunctionName: FUNCTION_ARNS.intake,
      Payload: {
        applicationId: jsonata(APPLICATION_ID),
        serviceId: jsonata('$states.context.Execution.Input.serviceId'),
        serviceVersion: jsonata('$states.context.Execution.Input.serviceVersion'),
        walkthrough: jsonata('$states.context.Execution.Input.walkthrough = true'),
        departments: departments.map((d) => d.id),
      },
    },
    Output: jsonata('$states.result.Payload.branches'),
    Retry: transientRetry(),
    Catch: [catchAllIntoFinalize()],
    Next: next,
  };
}

/**
 * One branch per department; one rejection ends them all and goes to Finalize, and so does
 * any failure. `output` is what the stage hands on: the outcome for Finalize after the last
 * stage, nothing otherwise (the next stage's opening step reads only the execution input).
 */
export function renderDepartments(
  def: ServiceDefinition,
  departments: readonly DepartmentSpec[] = def.departments,
  next: string = TOP.finalize,
  output: JsonValue = { outcome: 'approved' },
): ParallelState {
  const limit = supplementLimitWorkingDays(def);
  return {
    Type: 'Parallel',
    Branches: departments.map((dept) => renderBranch(dept, limit)),
    Output: output,
    Catch: [{ ErrorEquals: [REJECTED_ERROR], Output: jsonata(REJECTED_OUTCOME), Next: TOP.finalize }, catchAllIntoFinalize()],
    Next: next,
  };
}

/**
 * The top-level states of a staged service: Intake opens stage 1; after each stage, an
 * OpenStage step opens the next. One Parallel per stage (not branches that wait for their
 * prerequisites: Step Functions branches cannot wait for each other without polling).
 */
function stagedStates(def: ServiceDefinition): Record<string, AslState> {
  const stages = stagesOf(def);
  const states: Record<string, AslState> = { [TOP.intake]: renderIntake(stageStateNames(1).parallel) };
  stages.forEach((departments, i) => {
    const names = stageStateNames(i + 1);
    const last = i === stages.length - 1;
    const following = stageStateNames(i + 2);
    if (i > 0) states[names.open] = renderOpenStage(departments, names.parallel);
    states[names.parallel] = renderDepartments(def, departments, last ? TOP.finalize : following.open, last ? { outcome: 'approved' } : {});
  });
  states[TOP.finalize] = renderFinalize();
  return states;
}

/** Writes the combined result and closes open tasks; its output is the execution's. */
export function renderFinalize(): TaskState {
  return {
    Type: 'Task',
    Resource: LAMBDA_INVOKE,
    Arguments: { FunctionName: FUNCTION_ARNS.finalize, Payload: jsonata(FINALIZE_PAYLOAD) },
    Output: jsonata(FINALIZE_PAYLOAD),
    Retry: finalizeRetry(),
    End: true,
  };
}

/**
 * Renders the state machine of one service definition. ARNs are `${...}` placeholders
 * (see `placeholders.ts`); the result is a plain object for `JSON.stringify`.
 *
 * @example
 * const asl = renderStateMachine(getService('newborn'));
 * Object.keys(asl.States); // ['Intake', 'Departments', 'Finalize']
 */
export function renderStateMachine(def: ServiceDefinition): AslDefinition {
  return {
    Comment: `${def.name.zh} ${def.name.en} (${def.id} v${def.version}); generated by workflows/generator, do not edit`,
    QueryLanguage: 'JSONata',
    StartAt: TOP.intake,
    States:
      stagesOf(def).length > 1
        ? stagedStates(def)
        : {
            [TOP.intake]: renderIntake(),
            [TOP.departments]: renderDepartments(def),
            [TOP.finalize]: renderFinalize(),
          },
  };
}
