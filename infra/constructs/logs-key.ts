import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * The key of every log group of the stack (functions, state machines, API access logs): logs
 * hold request ids, subjects and error details. CloudWatch Logs of the stack's region may use
 * it, for this account's log groups only (the `aws:logs:arn` encryption context).
 */
export class LogsKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const { account, region, partition, urlSuffix } = Stack.of(this);
    this.key = new Key(this, 'Key', {
      alias: 'alias/onething-logs',
      description: 'OneThing: CloudWatch Logs log groups',
      enableKeyRotation: true,
      // Retained: log groups are retained too, and stay readable only with their key.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchLogsOfThisAccount',
        // The regional principal (logs.<region>.amazonaws.com[.cn]), as CloudWatch Logs requires.
        principals: [new ServicePrincipal(`logs.${region}.${urlSuffix}`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${partition}:logs:${region}:${account}:log-group:*` } },
      }),
    );
  }
}
