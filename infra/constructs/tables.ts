import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { AnyPrincipal, Effect, PolicyDocument, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { RESOURCE_NAMES } from '../../shared/names';

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
 * Writes that would change or remove a timing-log entry. Denied to every principal by the
 * audit table's resource policy, whatever their IAM policies allow (root included): entries
 * are only ever added with a conditional PutItem. BatchWriteItem is denied whole because it
 * can delete; the platform never batch-writes the log.
 */
export const AUDIT_DENIED_ACTIONS = [
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
];

/**
 * The main single table `onething-main` and the timing-log table `onething-audit`: on-demand,
 * point-in-time recovery, KMS, deletion protection, retained when the stack goes away.
 */
export class Tables extends Construct {
  readonly main: Table;
  readonly audit: Table;

  constructor(scope: Construct, id: string, props: TablesProps) {
    super(scope, id);
    this.main = this.table('Main', RESOURCE_NAMES.main, MAIN_INDEXES, props.key);
    this.audit = this.table('Audit', RESOURCE_NAMES.audit, AUDIT_INDEXES, props.key, this.appendOnlyPolicy(RESOURCE_NAMES.audit));
  }

  /**
   * The append-only guard of the audit table. The resource is the table's ARN built from its
   * name: a policy cannot reference the attribute of the table it is part of.
   */
  private appendOnlyPolicy(tableName: string): PolicyDocument {
    const tableArn = Stack.of(this).formatArn({ service: 'dynamodb', resource: 'table', resourceName: tableName });
    return new PolicyDocument({
      statements: [
        new PolicyStatement({
          sid: 'AppendOnly',
          effect: Effect.DENY,
          principals: [new AnyPrincipal()],
          actions: AUDIT_DENIED_ACTIONS,
          resources: [tableArn],
        }),
      ],
    });
  }

  private table(id: string, tableName: string, indexes: readonly string[], key: IKey, resourcePolicy?: PolicyDocument): Table {
    const table = new Table(this, id, {
      resourcePolicy,
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
