import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { PlatformResources } from './access-policy';
import { DEPLOY_DEFAULTS } from '../config';
import { ArchiveKey } from './archive-key';
import { ExportSigningKey } from './export-signing-key';
import { Buckets } from './buckets';
import { MAIN_INDEXES, Tables } from './tables';

export interface DataProps {
  /** Origin allowed to PUT presigned uploads (CORS). */
  readonly webOrigin: string;
  /** Object Lock COMPLIANCE retention of the audit archive. */
  readonly auditRetention: Duration;
  /** @default DEPLOY_DEFAULTS.materialsRetentionDays */
  readonly materialsRetention?: Duration;
  /** Who alone may retire the archive key (`ArchiveKey`). @default DEPLOY_DEFAULTS.breakGlassRole */
  readonly breakGlassRole?: string;
}

/**
 * The stateful part of OneThing: one customer-managed key (rotated yearly) for the tables
 * and the materials, the audit archive's own key, the two tables and the buckets.
 * Everything here is retained on stack deletion.
 */
export class Data extends Construct {
  readonly key: Key;
  readonly archiveKey: Key;
  readonly exportSigningKey: ExportSigningKey;
  readonly tables: Tables;
  readonly buckets: Buckets;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      alias: 'alias/onething-data',
      description: 'OneThing: tables and materials',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.archiveKey = new ArchiveKey(this, 'ArchiveKey', { breakGlassRole: props.breakGlassRole ?? DEPLOY_DEFAULTS.breakGlassRole }).key;
    this.exportSigningKey = new ExportSigningKey(this, 'ExportSigningKey');
    this.tables = new Tables(this, 'Tables', { key: this.key });
    this.buckets = new Buckets(this, 'Buckets', {
      key: this.key,
      archiveKey: this.archiveKey,
      materialsRetention: props.materialsRetention ?? Duration.days(DEPLOY_DEFAULTS.materialsRetentionDays),
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
      archive: { bucket: this.buckets.auditArchive, key: this.archiveKey },
      exportSigningKey: { key: this.exportSigningKey.key, spec: this.exportSigningKey.spec },
    };
  }
}
