/**
 * What a function may touch. The CDK app turns each grant into least-privilege IAM
 * statements; the local runtime ignores it. Keep the list minimal per function.
 */
export type Access =
  | 'main:read' // GetItem/Query on the main table and its indexes
  | 'main:write' // PutItem/UpdateItem on the main table (never DeleteItem)
  | 'audit:read' // Query on the audit table
  | 'audit:append' // PutItem on the audit table (no Update/Delete: the log is append-only)
  | 'materials:read' // GetObject/HeadObject (+ ListBucket, so a missing key is 404, not 403)
  | 'materials:write' // PutObject (presigned uploads, copies) on the materials bucket
  | 'sfn:start' // StartExecution/DescribeExecution on the service state machines
  | 'sfn:stop' // StopExecution on executions of the service state machines
  | 'sfn:task-response' // SendTaskSuccess (the only task response the platform sends)
  | 'metrics:put'; // cloudwatch:PutMetricData in the OneThing namespace

/** A Lambda function of the platform: where its code is and what it may touch. */
export interface FunctionSpec {
  /** Stable short name; the deployed function is `onething-<name>`. */
  name: string;
  /** Handler module relative to the repository root; it exports `handler`. */
  entry: string;
  access: Access[];
}
