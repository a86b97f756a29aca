import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';

export interface BackupsProps {
  /** The tables to back up (both: the applications and the timing log). */
  readonly tables: readonly ITable[];
  /** Key of the vault's recovery points. */
  readonly key: IKey;
}

/**
 * AWS Backup of the tables, on top of their 35-day point-in-time recovery: a daily recovery
 * point kept 35 days and a monthly one kept a year, in a retained vault. PITR undoes a bad
 * write of the last weeks; the vault survives the table itself being deleted or restored over.
 * The materials bucket is versioned with lifecycle rules instead (DEPLOY.md "Backups").
 */
export class Backups extends Construct {
  readonly vault: BackupVault;
  readonly plan: BackupPlan;

  constructor(scope: Construct, id: string, props: BackupsProps) {
    super(scope, id);
    this.vault = new BackupVault(this, 'Vault', {
      backupVaultName: 'onething',
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // 03:00 China Standard Time (19:00 UTC), outside office hours when officers decide.
    const nightly = { hour: '19', minute: '0' };
    this.plan = new BackupPlan(this, 'Plan', {
      backupPlanName: 'onething',
      backupVault: this.vault,
      backupPlanRules: [
        new BackupPlanRule({ ruleName: 'daily', scheduleExpression: Schedule.cron(nightly), deleteAfter: Duration.days(35) }),
        new BackupPlanRule({
          ruleName: 'monthly',
          scheduleExpression: Schedule.cron({ ...nightly, day: '1' }),
          deleteAfter: Duration.days(365),
        }),
      ],
    });
    const selection = this.plan.addSelection('Tables', {
      backupSelectionName: 'onething-tables',
      resources: props.tables.map((table) => BackupResource.fromDynamoDbTable(table)),
    });
    acknowledge(
      selection,
      'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      'The AWS Backup service role policy: AWS maintains the exact actions each backed-up service needs.',
    );
  }
}
