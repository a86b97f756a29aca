import type { SfnApi } from '@onething/stepfunctions-local';
import { SfnError } from '@onething/stepfunctions-local';
import { catalog } from '../workflows/catalog';
import type { ServiceDefinition } from '../workflows/types';
import { renderEventStateMachine, renderStateMachine, substituteDefinition } from '../workflows/generator';
import { currentEventDefinitions } from '../workflows/events/catalog';
import { workflowFunctions } from '../functions/workflow/specs';
import { physicalName } from '../shared/names';

export interface LocalArns {
  region: string;
  accountId: string;
  partition: string;
}

export const functionName = physicalName;
export const stateMachineName = physicalName;
export const stateMachineArnPrefix = (a: LocalArns) => `arn:${a.partition}:states:${a.region}:${a.accountId}:stateMachine:`;

/** The `${...}` substitutions CDK makes with real ARNs, made here with local ones. */
export function localSubstitutions(a: LocalArns): Record<string, string> {
  const subs: Record<string, string> = { Partition: a.partition };
  for (const fn of workflowFunctions) {
    subs[fn.substitution] = `arn:${a.partition}:lambda:${a.region}:${a.accountId}:function:${functionName(fn.name)}`;
  }
  return subs;
}

/**
 * Creates or updates one state machine per service definition, from the same generator the
 * CDK app uses. Idempotent: an unchanged definition is left alone.
 */
export async function ensureStateMachines(api: SfnApi, a: LocalArns, services: readonly ServiceDefinition[] = catalog): Promise<string[]> {
  const subs = localSubstitutions(a);
  const roleArn = `arn:${a.partition}:iam::${a.accountId}:role/onething-local-states`;
  const arns: string[] = [];
  const rendered = [
    ...services.map((def) => ({ id: def.id, asl: renderStateMachine(def) })),
    // 12345 event services (issue 10): the current version of each.
    ...currentEventDefinitions().map((def) => ({ id: def.id, asl: renderEventStateMachine(def) })),
  ];
  for (const { id, asl } of rendered) {
    const def = { id };
    const definition = substituteDefinition(JSON.stringify(asl), subs);
    const arn = stateMachineArnPrefix(a) + stateMachineName(def.id);
    try {
      const current = await api.call('DescribeStateMachine', { stateMachineArn: arn });
      if (current.definition !== definition) {
        await api.call('UpdateStateMachine', { stateMachineArn: arn, definition });
      }
    } catch (error) {
      if (!(error instanceof SfnError && error.code === 'StateMachineDoesNotExist')) throw error;
      await api.call('CreateStateMachine', { name: stateMachineName(def.id), definition, roleArn, type: 'STANDARD' });
    }
    arns.push(arn);
  }
  return arns;
}
