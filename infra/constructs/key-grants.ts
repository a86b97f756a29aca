import { Stack } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IConstruct } from 'constructs';

/** The services that use the data key on a function's behalf. */
export type KeyService = 'dynamodb' | 's3';

/**
 * What the callers themselves need of the data key, per service and direction. DynamoDB: the
 * table key is decrypted on every access and re-wrapped on writes. S3 (SSE-KMS with a bucket
 * key): GetObject and a CopyObject's source need Decrypt; PutObject (also through a presigned
 * URL) and a CopyObject's destination need GenerateDataKey, nothing more.
 */
export const KEY_NEEDS = {
  dynamodb: { read: ['kms:Decrypt', 'kms:DescribeKey'], write: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'] },
  s3: { read: ['kms:Decrypt'], write: ['kms:GenerateDataKey'] },
} as const;

/**
 * One statement per service that needs the key, each usable only through that service in the
 * stack's region (`kms:ViaService`), so S3 needs cannot be spent on DynamoDB and vice versa.
 *
 * @example
 * keyStatements(fn, key, { dynamodb: [...KEY_NEEDS.dynamodb.read], s3: [] });
 */
export function keyStatements(scope: IConstruct, key: IKey, needs: Record<KeyService, readonly string[]>): PolicyStatement[] {
  const { region, urlSuffix } = Stack.of(scope);
  return (Object.entries(needs) as Array<[KeyService, readonly string[]]>)
    .filter(([, actions]) => actions.length > 0)
    .map(
      ([service, actions]) =>
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: [...new Set(actions)].sort(),
          resources: [key.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `${service}.${region}.${urlSuffix}` } },
        }),
    );
}
