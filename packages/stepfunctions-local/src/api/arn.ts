/** ARNs and names of state machines and executions. */
import { apiErrors } from '../errors';

export interface ArnScope {
  partition: string;
  region: string;
  accountId: string;
}

// AWS: 1-80 characters, no whitespace, brackets, wildcards, special or control characters.
// eslint-disable-next-line no-control-regex -- control characters are what AWS refuses in a name
const INVALID_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;

/** Throws InvalidName unless `name` is a valid state machine or execution name. */
export function checkName(name: string): void {
  const len = [...name].length;
  if (len < 1 || len > 80 || INVALID_NAME.test(name)) throw apiErrors.invalidName(name);
}

/** `arn:<partition>:states:<region>:<account>:stateMachine:<name>` */
export function stateMachineArn(scope: ArnScope, name: string): string {
  return `arn:${scope.partition}:states:${scope.region}:${scope.accountId}:stateMachine:${name}`;
}

/** `arn:<partition>:states:<region>:<account>:execution:<machine>:<name>` */
export function executionArn(scope: ArnScope, machineName: string, name: string): string {
  return `arn:${scope.partition}:states:${scope.region}:${scope.accountId}:execution:${machineName}:${name}`;
}

/** The machine name of a state machine ARN in this engine's partition/region/account. */
export function parseStateMachineArn(scope: ArnScope, arn: string): string {
  const prefix = stateMachineArn(scope, '');
  const name = arn.startsWith(prefix) ? arn.slice(prefix.length) : '';
  if (!name || name.includes(':')) throw apiErrors.invalidArn(arn);
  return name;
}

/** Checks an execution ARN's shape (the row lookup decides whether it exists). */
export function checkExecutionArn(scope: ArnScope, arn: string): void {
  const prefix = executionArn(scope, '', '').slice(0, -1);
  const rest = arn.startsWith(prefix) ? arn.slice(prefix.length).split(':') : [];
  if (rest.length !== 2 || !rest[0] || !rest[1]) throw apiErrors.invalidArn(arn);
}
