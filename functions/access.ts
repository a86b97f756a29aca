/**
 * What a function may touch. The CDK app turns each grant into least-privilege IAM
 * statements; the local runtime ignores it. Keep the list minimal per function.
 */
export type Access =
  | 'main:read' // GetItem/Query on the main table and its indexes
  | 'main:write' // PutItem/UpdateItem on the main table (never DeleteItem)
  | 'audit:read' // Query on the audit table
  | 'audit:append' // PutItem on the audit table (no Update/Delete: the log is append-only)
  // Materials: one entry per operation and key prefix (MATERIAL_PREFIXES), so each function
  // reaches only the part of the bucket its calls use.
  | 'materials:read:uploads' // GetObject/HeadObject under uploads/ (+ ListBucket: a missing key is 404, not 403)
  | 'materials:read:applications' // GetObject/HeadObject under applications/ (+ ListBucket)
  | 'materials:write:uploads' // PutObject under uploads/ (presigned upload PUTs)
  | 'materials:write:applications' // PutObject under applications/ (destination of the submission copy)
  | 'materials:read:events' // GetObject/HeadObject under events/ (12345 report photos; + ListBucket)
  | 'materials:write:events' // PutObject under events/ (destination of a report photo's copy)
  | 'sfn:start' // StartExecution/DescribeExecution on the service state machines
  | 'sfn:stop' // StopExecution on executions of the service state machines
  | 'sfn:task-response' // SendTaskSuccess (the only task response the platform sends)
  | 'metrics:put' // cloudwatch:PutMetricData in the OneThing namespace
  // Notifications (issue 12).
  | 'sms:enqueue' // sqs:SendMessage on the SMS queue only
  | 'sms:consume' // what the SQS event source needs on the SMS queue (receive, delete, visibility, attributes)
  | 'sms:publish' // sns:Publish to phone numbers (SMS); no resource-level permission exists for it
  // Inspectors (issue 8): read the whole log, log their own reads, nothing else.
  | 'audit:inspect' // Query on the audit table AND its by-day index gsi1 (the whole log, in time order)
  | 'audit:access-log' // PutItem on the audit table for keys `ACCESS#*` only (who read what, when)
  | 'archive:read-anchors' // ListBucket (prefix anchors/) + GetObject anchors/* on the Object Lock archive bucket
  | 'archive:write-anchors' // PutObject anchors/* on the archive bucket (the sealing function only)
  // Signed export (issue 8): the KMS asymmetric signing key, one action per function.
  | 'audit:sign-export' // kms:Sign on the export signing key
  | 'audit:export-public-key' // kms:GetPublicKey on the export signing key
  // Inspectors at scale (issue 8): the derived fact rows, keys `AUDITFACTS*` of the main table only.
  | 'main:read-audit-facts' // GetItem/Query/BatchGetItem on the main table for keys `AUDITFACTS*` (fact, day and anomaly rows + watermark)
  | 'main:write-audit-facts' // PutItem/UpdateItem on the main table for keys `AUDITFACTS*` (the rollup only)
  // Stored tamper findings (issue 8): GetItem/PutItem/UpdateItem on the main table for the keys
  // `AUDITFACTS#TAMPER*` and `AUDITFACTS#ANOMS#tamper#*` only (verify and the anchor job).
  | 'main:record-tamper';

/** The key prefix each materials area covers in the bucket (DESIGN.md "S3"). */
export const MATERIAL_PREFIXES = { uploads: 'uploads/', applications: 'applications/', events: 'events/' } as const;
export type MaterialArea = keyof typeof MATERIAL_PREFIXES;

/** A Lambda function of the platform: where its code is and what it may touch. */
export interface FunctionSpec {
  /** Stable short name; the deployed function is `onething-<name>`. */
  name: string;
  /** Handler module relative to the repository root; it exports `handler`. */
  entry: string;
  access: Access[];
}
