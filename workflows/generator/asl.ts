/**
 * The subset of Amazon States Language (JSONata mode) the generator emits. Values that are
 * JSONata expressions are strings wrapped in `{% %}`.
 */

/** A JSON value, possibly holding `{% %}` expressions. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds: number;
  MaxAttempts: number;
  BackoffRate: number;
  MaxDelaySeconds: number;
  JitterStrategy: 'FULL' | 'NONE';
}

export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  Output?: JsonValue;
}

/** `Next` or `End`, exactly one (ASL). */
export type Transition = { Next: string; End?: never } | { End: true; Next?: never };

export type TaskState = {
  Type: 'Task';
  Resource: string;
  Arguments: { [key: string]: JsonValue };
  /** Whole seconds, or a JSONata expression evaluating to them. */
  TimeoutSeconds?: number | string;
  Assign?: { [key: string]: JsonValue };
  Output?: JsonValue;
  Retry?: Retrier[];
  Catch?: Catcher[];
} & Transition;

export type ParallelState = {
  Type: 'Parallel';
  Branches: StateMachineBody[];
  Output?: JsonValue;
  Catch?: Catcher[];
} & Transition;

export interface ChoiceRule {
  Condition: string;
  Next: string;
}

export interface ChoiceState {
  Type: 'Choice';
  Choices: ChoiceRule[];
  Default?: string;
}

export interface SucceedState {
  Type: 'Succeed';
}

export interface FailState {
  Type: 'Fail';
  Error: string;
  Cause: string;
}

export type AslState = TaskState | ParallelState | ChoiceState | SucceedState | FailState;

/** `StartAt` + `States`: the top level and every Parallel branch. */
export interface StateMachineBody {
  StartAt: string;
  States: { [name: string]: AslState };
}

/** A complete state machine definition, ready for `JSON.stringify`. */
export interface AslDefinition extends StateMachineBody {
  Comment: string;
  QueryLanguage: 'JSONata';
}
