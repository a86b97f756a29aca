import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { NAME_PREFIX, physicalName } from '../shared/names';

/** Every physical name starts with this, matching the local runtime's names (shared/names.ts). */
export const PREFIX = NAME_PREFIX;

/** Deployed function name of a spec: `onething-<name>`. */
export const functionName = physicalName;

/** State machine name of a service: `onething-<serviceId>` (DESIGN.md "Configuration"). */
export const stateMachineName = physicalName;

/**
 * `arn:<partition>:states:<region>:<account>:stateMachine:` of the stack's environment: the
 * value of STATE_MACHINE_ARN_PREFIX. Built from names, not from the machines, because the
 * machines invoke the functions that need these ARNs (a reference would be a cycle).
 */
export function stateMachineArnPrefix(scope: IConstruct): string {
  const stack = Stack.of(scope);
  return `arn:${stack.partition}:states:${stack.region}:${stack.account}:stateMachine:`;
}

/** ARN of a service's state machine, built from its name (see `stateMachineArnPrefix`). */
export function stateMachineArn(scope: IConstruct, serviceId: string): string {
  return Stack.of(scope).formatArn({
    service: 'states',
    resource: 'stateMachine',
    resourceName: stateMachineName(serviceId),
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/** ARN pattern of every execution of a service's state machine (execution names are app ids). */
export function executionArnPattern(scope: IConstruct, serviceId: string): string {
  return Stack.of(scope).formatArn({
    service: 'states',
    resource: 'execution',
    resourceName: `${stateMachineName(serviceId)}:*`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}
