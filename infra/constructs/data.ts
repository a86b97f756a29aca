import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { PlatformResources } from './access-policy';
import { Buckets } from './buckets';
import { MAIN_INDEXES, Tables } from './tables';

export interface DataProps {
  /** Origin allowed to PUT presigned uploads (CORS). */
  readonly webOrigin: string;
  /** Object Lock COMPLIANCE retention of the audit archive. */
  readonly auditRetention: Duration;
}

/**
 * The stateful part of OneThing: one customer-managed key (rotated yearly) for the tables
 * and buckets, the two tables and the buckets. Everything here is retained on stack deletion.
 */
export class Data extends Construct {
  readonly key: Key;
  readonly tables: Tables;
  readonly buckets: Buckets;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      alias: 'alias/onething-data',
      description: 'OneThing: tables, materials and audit archive',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.tables = new Tables(this, 'Tables', { key: this.key });
    this.buckets = new Buckets(this, 'Buckets', {
      key: this.key,
      webOrigin: props.webOrigin,
      auditRetention: props.auditRetention,
    });
  }

  /** What functions can be granted (`PlatformFunction.bind`), for the given services. */
  resources(serviceIds: readonly string[]): PlatformResources {
    return {
      dataKey: this.key,
      mainTable: this.tables.main,
      mainIndexes: MAIN_INDEXES,
      auditTable: this.tables.audit,
      materials: this.buckets.materials,
      serviceIds,
    };
  }
}
