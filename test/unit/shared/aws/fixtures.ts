/** What the SDK client tests share: the configurations they build clients from (a Lambda's on AWS, the local runtime's) and a canned answer. */
export const AWS_ENV = {
  TABLE_NAME: 't',
  AUDIT_TABLE_NAME: 'a',
  MATERIALS_BUCKET: 'b',
  STATE_MACHINE_ARN_PREFIX: 'arn:aws-cn:states:cn-north-1:123456789012:stateMachine:',
  AWS_REGION: 'cn-north-1',
};

export const LOCAL_ENV = { ONETHING_LOCAL: '1', ONETHING_DYNAMODB_PORT: '28000', ONETHING_S3_PORT: '24569', ONETHING_SFN_PORT: '28083' };

/** A DynamoDB/Step Functions JSON answer with `body`, as the service would send it. */
export function jsonAnswer(body: string) {
  const bytes = Buffer.from(body);
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'content-length': String(bytes.length), 'x-amzn-requestid': 'R' },
    body: bytes,
  };
}
