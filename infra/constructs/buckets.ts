import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CorsRule,
  HttpMethods,
  ObjectLockRetention,
  ObjectOwnership,
  type BucketProps,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { MATERIAL_PREFIXES } from '../../functions/access';

export interface BucketsProps {
  /** Customer-managed key of the materials bucket. */
  readonly key: IKey;
  /** The audit archive's own key (`ArchiveKey`: only the break-glass role may retire it). */
  readonly archiveKey: IKey;
  /** Origin allowed to PUT to presigned upload URLs from the browser. */
  readonly webOrigin: string;
  /** Object Lock COMPLIANCE retention of the audit archive. */
  readonly auditRetention: Duration;
  /** How long submitted materials (`applications/`) are kept (config `materialsRetentionDays`). */
  readonly materialsRetention: Duration;
}

/** The browser's presigned PUT of a material from the UI at `origin`. */
export const uploadCorsRule = (origin: string): CorsRule => ({
  allowedOrigins: [origin],
  allowedMethods: [HttpMethods.PUT],
  allowedHeaders: ['content-type', 'content-length', 'x-amz-checksum-sha256', 'x-amz-sdk-checksum-algorithm', 'x-amz-meta-*'],
  exposedHeaders: ['ETag'],
  maxAge: 3000,
});

/** Where abandoned uploads land; they expire after a day (DESIGN.md "S3"). */
export const UPLOADS_PREFIX = MATERIAL_PREFIXES.uploads;

/**
 * How long a deleted or expired material's old version stays recoverable. Materials are
 * written once, so an old version exists only after a deletion or the retention expiry.
 */
export const MATERIALS_NONCURRENT_DAYS = 30;

/**
 * The materials bucket, the audit archive (Object Lock, COMPLIANCE) and the bucket both log
 * their server access to. All TLS-only, versioned, with every kind of public access blocked.
 */
export class Buckets extends Construct {
  readonly materials: Bucket;
  readonly auditArchive: Bucket;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: BucketsProps) {
    super(scope, id);
    // Authorise log delivery with a bucket policy, not the legacy LogDeliveryWrite ACL: ACLs
    // are disabled (BUCKET_OWNER_ENFORCED). Set here so the construct works in any app.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const common: BucketProps = {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    };
    // S3 server access logs can only be delivered to SSE-S3 buckets, hence no KMS here.
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      ...common,
      encryption: BucketEncryption.S3_MANAGED,
      lifecycleRules: [{ expiration: Duration.days(400), noncurrentVersionExpiration: Duration.days(30) }],
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the server access log bucket itself; logging it into itself would loop.',
    });
    const kms = { ...common, encryption: BucketEncryption.KMS, encryptionKey: props.key, bucketKeyEnabled: true };
    this.materials = new Bucket(this, 'Materials', {
      ...kms,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'materials/',
      cors: [uploadCorsRule(props.webOrigin)],
      lifecycleRules: [
        // Abandoned uploads: gone after a day, old versions included (personal data).
        { prefix: UPLOADS_PREFIX, expiration: Duration.days(1), noncurrentVersionExpiration: Duration.days(1) },
        // Submitted materials: the legal retention period from the submission copy, then
        // gone, old versions included (personal data must not outlive its purpose, PIPL art. 19).
        {
          prefix: MATERIAL_PREFIXES.applications,
          expiration: props.materialsRetention,
          noncurrentVersionExpiration: Duration.days(MATERIALS_NONCURRENT_DAYS),
        },
        // 12345 report photos: the same retention as materials, from the report.
        {
          prefix: MATERIAL_PREFIXES.events,
          expiration: props.materialsRetention,
          noncurrentVersionExpiration: Duration.days(MATERIALS_NONCURRENT_DAYS),
        },
        // The delete markers expiry leaves behind once their old versions are gone.
        { expiredObjectDeleteMarker: true },
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    this.auditArchive = new Bucket(this, 'AuditArchive', {
      ...kms,
      encryptionKey: props.archiveKey,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'audit-archive/',
      objectLockDefaultRetention: ObjectLockRetention.compliance(props.auditRetention),
      lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(1) }],
    });
  }
}
