import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type CfnKey, Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface ArchiveKeyProps {
  /** Role name in the stack's account, or a role ARN: the only principal that may retire the key. */
  readonly breakGlassRole: string;
}

/** What would make the archive unreadable or let someone lift that protection. */
export const ARCHIVE_KEY_GUARDED_ACTIONS = ['kms:DisableKey', 'kms:DisableKeyRotation', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion'];

/** The ARN of the break-glass role: given as an ARN, or built from a name in the stack's account. */
export function breakGlassRoleArn(scope: Construct, role: string): string {
  if (role.startsWith('arn:')) return role;
  return Stack.of(scope).formatArn({ service: 'iam', region: '', resource: 'role', resourceName: role });
}

/**
 * The audit archive's own key. Object Lock keeps the objects, but whoever can delete or
 * disable their key can still make them unreadable: so deleting, disabling and re-policying
 * this key are denied to every principal except the break-glass role, root and the deploying
 * role included. A Deny in the key policy wins over any IAM Allow.
 */
export class ArchiveKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string, props: ArchiveKeyProps) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      alias: 'alias/onething-audit-archive',
      description: 'OneThing: audit archive (Object Lock); deletion and policy changes by the break-glass role only',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'OnlyBreakGlassRetiresTheKey',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ARCHIVE_KEY_GUARDED_ACTIONS,
        resources: ['*'],
        conditions: { ArnNotEquals: { 'aws:PrincipalArn': breakGlassRoleArn(this, props.breakGlassRole) } },
      }),
    );
    // CreateKey refuses a policy that would deny its caller a later PutKeyPolicy (the lockout
    // check). That denial is the point here: the break-glass role keeps PutKeyPolicy.
    (this.key.node.defaultChild as CfnKey).bypassPolicyLockoutSafetyCheck = true;
  }
}
