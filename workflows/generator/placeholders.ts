/**
 * The `${...}` placeholders of the generated ASL. CDK fills them with definitionSubstitutions,
 * the local runtime with {@link substituteDefinition}; `functions/workflow/specs.ts` takes
 * each function's substitution name from here. The partition is a placeholder too, so that the same
 * definition deploys to `aws` and `aws-cn`.
 */
export const PLACEHOLDERS = {
  partition: 'Partition',
  intake: 'IntakeFunctionArn',
  taskAwait: 'TaskAwaitFunctionArn',
  checkpoint: 'CheckpointFunctionArn',
  finalize: 'FinalizeFunctionArn',
  // 12345 event machines (issue 10, workflows/generator/event.ts).
  eventStep: 'EventStepFunctionArn',
  eventAwait: 'EventAwaitFunctionArn',
} as const;

/** Every placeholder name a generated definition may contain. */
export const PLACEHOLDER_NAMES: readonly string[] = Object.values(PLACEHOLDERS);

const ref = (name: string) => '${' + name + '}';

/** Optimised Lambda integration: the result's `Payload` is the function's return value. */
export const LAMBDA_INVOKE = `arn:${ref(PLACEHOLDERS.partition)}:states:::lambda:invoke`;

/** Callback pattern: the task's result is what SendTaskSuccess delivered for its token. */
export const LAMBDA_INVOKE_WAIT = `arn:${ref(PLACEHOLDERS.partition)}:states:::lambda:invoke.waitForTaskToken`;

export const FUNCTION_ARNS = {
  intake: ref(PLACEHOLDERS.intake),
  taskAwait: ref(PLACEHOLDERS.taskAwait),
  checkpoint: ref(PLACEHOLDERS.checkpoint),
  finalize: ref(PLACEHOLDERS.finalize),
} as const;
