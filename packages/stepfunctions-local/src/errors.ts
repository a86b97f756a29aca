/**
 * The engine's API errors, in AWS's names (they reach clients as `__type`). Runtime errors
 * of executions are `StatesError` (expressions/errors.ts), task failures `TaskFailure`.
 */
import { SfnError } from './api-types';

export { SfnError };

/** Fields whose values may hold personal data or be huge: never echoed in messages. */
const UNECHOED = new Set(['input', 'output', 'cause', 'definition', 'taskToken']);

/** `ValidationException` worded like AWS's "1 validation error detected: ..." */
export function validationError(field: string, constraint: string, value?: unknown): SfnError {
  const text = value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  const shown = value === undefined ? 'null' : UNECHOED.has(field) || text.length > 80 ? '(not shown)' : `'${text}'`;
  return new SfnError(
    'ValidationException',
    `1 validation error detected: Value ${shown} at '${field}' failed to satisfy constraint: ${constraint}`,
  );
}

export const apiErrors = {
  invalidArn: (arn: string) => new SfnError('InvalidArn', `Invalid Arn: '${arn}'`),
  invalidName: (name: string) => new SfnError('InvalidName', `Invalid Name: '${name}'`),
  machineMissing: (arn: string) => new SfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`),
  machineExists: (arn: string) => new SfnError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`),
  executionMissing: (arn: string) => new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`),
  executionExists: (arn: string) => new SfnError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`),
  invalidDefinition: (message: string) => new SfnError('InvalidDefinition', message),
  invalidInput: (message: string) => new SfnError('InvalidExecutionInput', message),
  invalidOutput: (message: string) => new SfnError('InvalidOutput', message),
  invalidToken: (message = 'Invalid Token') => new SfnError('InvalidToken', message),
  taskMissing: () => new SfnError('TaskDoesNotExist', 'Task Does Not Exist'),
  taskTimedOut: () => new SfnError('TaskTimedOut', 'Task Timed Out'),
  unknownOperation: (op: string) => new SfnError('UnknownOperationException', `Unknown operation: ${op}`),
  notAnObject: () => new SfnError('SerializationException', 'The request body must be a JSON object'),
};
