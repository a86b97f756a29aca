/** The configurations the SDK client tests build clients from: a Lambda's on AWS, the local runtime's. */
export const AWS_ENV = {
  TABLE_NAME: 't',
  AUDIT_TABLE_NAME: 'a',
  MATERIALS_BUCKET: 'b',
  STATE_MACHINE_ARN_PREFIX: 'arn:aws-cn:states:cn-north-1:123456789012:stateMachine:',
  AWS_REGION: 'cn-north-1',
};

export const LOCAL_ENV = { ONETHING_LOCAL: '1', ONETHING_DYNAMODB_PORT: '28000', ONETHING_S3_PORT: '24569', ONETHING_SFN_PORT: '28083' };
