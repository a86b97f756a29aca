/**
 * The seam between the engine and its HTTP front end. The engine implements `SfnApi` with
 * the JSON wire shapes of the AWS Step Functions JSON 1.0 protocol (timestamps are epoch
 * seconds as numbers, field names as in the AWS API reference), so the HTTP server only
 * handles the protocol: target header, body parsing, error serialisation.
 */
export const SFN_OPERATIONS = [
  'CreateStateMachine',
  'DescribeStateMachine',
  'UpdateStateMachine',
  'DeleteStateMachine',
  'ListStateMachines',
  'ValidateStateMachineDefinition',
  'StartExecution',
  'DescribeExecution',
  'ListExecutions',
  'StopExecution',
  'GetExecutionHistory',
  'SendTaskSuccess',
  'SendTaskFailure',
  'SendTaskHeartbeat',
] as const;

export type SfnOperation = (typeof SFN_OPERATIONS)[number];

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface SfnApi {
  /** Runs one API operation; rejects with `SfnError` for every AWS-modelled error. */
  call(operation: SfnOperation, input: JsonObject): Promise<JsonObject>;
}

/** An error in AWS's shape: `code` is the AWS error name (e.g. `ExecutionDoesNotExist`). */
export class SfnError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus = 400,
  ) {
    super(message);
    this.name = code;
  }
}
