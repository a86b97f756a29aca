import { Stack, Validations } from 'aws-cdk-lib';
import type { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag acknowledgements. Every one carries its reason; synthesis fails on any finding of
 * the AwsSolutions pack that is not acknowledged (infra/build.ts registers the pack).
 *
 * @example acknowledge(fn, 'L1', 'ARCHITECTURE.md fixes nodejs22.x')
 */
export function acknowledge(scope: IConstruct, rule: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions-${rule}`, reason });
}

/**
 * Acknowledges cdk-nag's IAM5 finding for each wildcard resource of a statement, under the
 * id cdk-nag gives it (`AwsSolutions-IAM5[Resource::<Bucket.Arn>/uploads/*]`), so that a new
 * wildcard elsewhere still fails synthesis.
 */
export function acknowledgeWildcardResources(scope: IConstruct, statement: PolicyStatement, reason: string): void {
  const stack = Stack.of(scope);
  for (const resource of statement.resources) {
    const flat = flattenCfnReference(stack.resolve(resource));
    if (flat.includes('*')) acknowledge(scope, `IAM5[Resource::${flat}]`, reason);
  }
}
