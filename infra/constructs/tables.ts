import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface TablesProps {
  /** Customer-managed key that encrypts both tables. */
  readonly key: IKey;
}

/**
 * Index names of the main table (DESIGN.md "Data model"): applicant list, by day, inbox, and
 * the sparse `gsi4` of what reconcile must finish (applications not started, results not
 * delivered).
 */
export const MAIN_INDEXES = ['gsi1', 'gsi2', 'gsi3', 'gsi4'] as const;
/** Index of the audit table: global time order for inspectors. */
export const AUDIT_INDEXES = ['gsi1'] as const;

/**
 * The main single table `onething-main` and the timing-log table `onething-audit`: on-demand,
 * point-in-time recovery, KMS, deletion protection, retained when the stack goes away.
 */
export class Tables extends Construct {
  readonly main: Table;
  readonly audit: Table;

  constructor(scope: Construct, id: string, props: TablesProps) {
    super(scope, id);
    this.main = this.table('Main', 'onething-main', MAIN_INDEXES, props.key);
    this.audit = this.table('Audit', 'onething-audit', AUDIT_INDEXES, props.key);
  }

  private table(id: string, tableName: string, indexes: readonly string[], key: IKey): Table {
    const table = new Table(this, id, {
      tableName,
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of indexes) {
      table.addGlobalSecondaryIndex({
        indexName: index,
        partitionKey: { name: `${index}pk`, type: AttributeType.STRING },
        sortKey: { name: `${index}sk`, type: AttributeType.STRING },
        // Every item attribute, as the local tables project them: the list and inbox queries
        // return whole records without a second read.
        projectionType: ProjectionType.ALL,
      });
    }
    return table;
  }
}
