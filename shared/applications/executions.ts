import {
  DescribeExecutionCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import type { Config } from '../config';
import type { Logger } from '@aws-lambda-powertools/logger';
import { isStaleToken } from './errors';
import type { ApplicationRecord } from './records';
import { physicalName } from '../names';

/** `<prefix>onething-<serviceId>`: the state machine of a service. */
export const stateMachineArn = (config: Config, serviceId: string) => `${config.stateMachineArnPrefix}${physicalName(serviceId)}`;

/** `arn:<partition>:states:<region>:<acct>:execution:onething-<serviceId>:<appId>`. */
export const executionArn = (config: Config, serviceId: string, appId: string) =>
  `${config.stateMachineArnPrefix.replace(/:stateMachine:$/, ':execution:')}${physicalName(serviceId)}:${appId}`;

/**
 * Starts the application's execution; the name is the application id, so a repeated start
 * (client retry, reconcile) cannot run two. No personal data goes into the input.
 */
export async function startExecution(
  sfn: SFNClient,
  config: Config,
  app: Pick<ApplicationRecord, 'id' | 'serviceId' | 'serviceVersion' | 'walkthrough'>,
) {
  const input = { applicationId: app.id, serviceId: app.serviceId, serviceVersion: app.serviceVersion, walkthrough: app.walkthrough };
  try {
    await sfn.send(
      new StartExecutionCommand({ stateMachineArn: stateMachineArn(config, app.serviceId), name: app.id, input: JSON.stringify(input) }),
    );
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ExecutionAlreadyExists')) throw error;
  }
}

/** Whether the application's execution exists (any status). */
export async function executionExists(sfn: SFNClient, config: Config, app: Pick<ApplicationRecord, 'id' | 'serviceId'>): Promise<boolean> {
  try {
    await sfn.send(new DescribeExecutionCommand({ executionArn: executionArn(config, app.serviceId, app.id) }));
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ExecutionDoesNotExist') return false;
    throw error;
  }
}

/** Stops the execution of a withdrawn application; one already finished or never started is fine. */
export async function stopExecution(sfn: SFNClient, config: Config, app: Pick<ApplicationRecord, 'id' | 'serviceId'>, cause: string) {
  try {
    await sfn.send(
      new StopExecutionCommand({ executionArn: executionArn(config, app.serviceId, app.id), error: 'OneThing.Withdrawn', cause }),
    );
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ExecutionDoesNotExist')) throw error;
  }
}

/**
 * Delivers a result through a task token. A token that timed out, finished or is unknown is
 * not an error: the recorded result waits for the branch's next `task-await`, which delivers
 * it (docs/DESIGN.md, decision delivery). Tokens are single use: at most one delivery each.
 */
export async function deliver(
  sfn: SFNClient,
  logger: Logger,
  token: string,
  output: object,
  context: Record<string, string>,
): Promise<'delivered' | 'stale'> {
  try {
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }));
    return 'delivered';
  } catch (error) {
    if (!isStaleToken(error)) throw error;
    logger.info('task token no longer waiting; the next wait of the branch delivers', { ...context, reason: (error as Error).name });
    return 'stale';
  }
}
