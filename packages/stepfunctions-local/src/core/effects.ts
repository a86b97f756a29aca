/**
 * Runs the side effects a turn committed (Lambda and DynamoDB calls) and reports each
 * outcome as a completion for a later turn. Effects run after the commit that recorded
 * them, so a crash re-runs an effect (at-least-once) but never loses one.
 */
import type { Effect, Resume } from '../interpreter/types';
import type { DynamoDbCaller } from '../tasks/dynamodb';
import { TaskFailure } from '../tasks/errors';
import { functionNameOf, invokeResult, type createLambdaInvoker } from '../tasks/lambda';

export interface Completion {
  execId: number;
  frameId: number;
  attempt: number;
  resume: Resume;
}

export interface EffectDeps {
  lambda: ReturnType<typeof createLambdaInvoker>;
  dynamodb: DynamoDbCaller;
  now: () => Date;
  complete(c: Completion): void;
}

/** Starts `effect`; its outcome arrives through `deps.complete`. Never rejects. */
export async function runEffect(effect: Effect, deps: EffectDeps): Promise<void> {
  const done = (resume: Resume) => deps.complete({ execId: effect.execId, frameId: effect.frameId, attempt: effect.attempt, resume });
  const { resource } = effect;
  try {
    let result: unknown;
    if (resource.kind === 'lambda-function') {
      result = (await deps.lambda.invoke(resource.arn, effect.input, effect.timeoutSeconds)).payload;
    } else if (resource.kind === 'lambda-invoke') {
      const params = (effect.input ?? {}) as Record<string, unknown>;
      if (typeof params.FunctionName !== 'string')
        throw new TaskFailure('States.Runtime', "The field 'FunctionName' is required for lambda:invoke");
      const qualifier = typeof params.Qualifier === 'string' ? `:${params.Qualifier}` : '';
      const { payload, requestId } = await deps.lambda.invoke(
        `${functionNameOf(params.FunctionName)}${qualifier}`,
        params.Payload,
        effect.timeoutSeconds,
      );
      result = invokeResult(payload, requestId, deps.now());
    } else {
      result = await deps.dynamodb.call(resource.action, effect.input, resource.sdk);
    }
    done(effect.token ? { kind: 'taskSubmitted', output: result } : { kind: 'taskSucceeded', output: result });
  } catch (err) {
    const failure = err instanceof TaskFailure ? err : new TaskFailure('States.TaskFailed', String((err as Error)?.message ?? err));
    done({ kind: 'taskFailed', error: failure.error, cause: failure.causeText });
  }
}
