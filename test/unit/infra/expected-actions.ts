import type { Access } from '../../../functions/access';

/**
 * What each access may become in IAM, written down independently of the implementation so
 * that a widened grant fails the tests. Logging and tracing come with every function.
 */
export const EXPECTED_ACTIONS: Record<Access, string[]> = {
  'main:read': ['dynamodb:GetItem', 'dynamodb:Query', 'kms:Decrypt', 'kms:DescribeKey'],
  'main:write': ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
  'audit:read': ['dynamodb:Query', 'kms:Decrypt', 'kms:DescribeKey'],
  'audit:append': ['dynamodb:PutItem', 'kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
  'materials:read:uploads': ['s3:GetObject', 's3:ListBucket', 'kms:Decrypt'],
  'materials:read:applications': ['s3:GetObject', 's3:ListBucket', 'kms:Decrypt'],
  'materials:write:uploads': ['s3:PutObject', 'kms:GenerateDataKey'],
  'materials:write:applications': ['s3:PutObject', 'kms:GenerateDataKey'],
  'materials:read:events': ['s3:GetObject', 's3:ListBucket', 'kms:Decrypt'],
  'materials:write:events': ['s3:PutObject', 'kms:GenerateDataKey'],
  'sfn:start': ['states:StartExecution', 'states:DescribeExecution'],
  'sfn:stop': ['states:StopExecution'],
  'sfn:task-response': ['states:SendTaskSuccess'],
  'metrics:put': ['cloudwatch:PutMetricData'],
  'sms:enqueue': ['sqs:SendMessage'],
  'sms:consume': ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'],
  'sms:publish': ['sns:Publish'],
  'audit:inspect': ['dynamodb:Query', 'kms:Decrypt', 'kms:DescribeKey'],
  'archive:read-anchors': ['s3:GetObject', 's3:ListBucket', 'kms:Decrypt'],
  'archive:write-anchors': ['s3:PutObject', 'kms:GenerateDataKey'],
  'audit:access-log': ['dynamodb:PutItem', 'kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
  'audit:sign-export': ['kms:Sign'],
  'audit:export-public-key': ['kms:GetPublicKey'],
  // BatchGetItem for the day rows (issue 8 "Scale"), same `AUDITFACTS*` key condition.
  'main:read-audit-facts': ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem', 'kms:Decrypt', 'kms:DescribeKey'],
  'main:write-audit-facts': [
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'kms:Decrypt',
    'kms:DescribeKey',
    'kms:Encrypt',
    'kms:GenerateDataKey',
  ],
  // Stored tamper findings: their own keys only (`AUDITFACTS#TAMPER*`, `AUDITFACTS#ANOMS#tamper#*`).
  'main:record-tamper': [
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'kms:Decrypt',
    'kms:DescribeKey',
    'kms:Encrypt',
    'kms:GenerateDataKey',
  ],
};

export const BASELINE_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTraceSegments', 'xray:PutTelemetryRecords'];

/** The sorted set of actions a function with this access list may have. */
export function expectedActions(access: readonly Access[]): string[] {
  return [...new Set([...BASELINE_ACTIONS, ...access.flatMap((a) => EXPECTED_ACTIONS[a])])].sort();
}
