import { CopyObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { systemClock, type Clock } from '../clock';
import { ownerTag, uploadKey, verifyUpload, type UploadExpectation, type VerifiedUpload } from './verify';

export type { UploadExpectation, VerifiedUpload };

const UPLOAD_TTL_SECONDS = 15 * 60;
const LINK_TTL_SECONDS = 5 * 60;

/** What the applicant declared when asking for an upload URL; signed into the PUT. */
export interface DeclaredUpload {
  uploadId: string;
  ownerSub: string;
  serviceId: string;
  materialId: string;
  contentType: string;
  sizeBytes: number;
  /** Lower-case hex. */
  sha256: string;
}

/** The declaration signed into an upload, as S3 metadata (ASCII; the owner hashed). */
const uploadMetadata = (d: DeclaredUpload) => ({
  owner: ownerTag(d.ownerSub),
  service: d.serviceId,
  material: d.materialId,
  size: String(d.sizeBytes),
  sha256: d.sha256,
});

export const materialKey = (appId: string, materialId: string) => `applications/${appId}/${materialId}`;

/**
 * Materials in S3 (docs/DESIGN.md "S3"): presigned uploads, verification at submission and
 * copies under the application's keys. `signingClock` is the wall clock S3 checks signatures
 * against; it stays the system clock even when the platform runs on the dev clock.
 */
export function createDocumentStore(deps: { s3: S3Client; bucket: string; signingClock?: Clock }) {
  const { s3, bucket } = deps;
  const signingClock = deps.signingClock ?? systemClock;

  return {
    /**
     * A presigned PUT for `uploads/<uploadId>`. `headers` must be sent exactly: they are signed,
     * and on AWS `x-amz-checksum-sha256` makes S3 itself refuse other bytes.
     */
    async presignUpload(d: DeclaredUpload) {
      const checksum = Buffer.from(d.sha256, 'hex').toString('base64');
      const metadata = uploadMetadata(d);
      const headers: Record<string, string> = {
        'content-type': d.contentType,
        'x-amz-checksum-sha256': checksum,
        ...Object.fromEntries(Object.entries(metadata).map(([k, v]) => [`x-amz-meta-${k}`, v])),
      };
      const signingDate = signingClock.now();
      const command = new PutObjectCommand({
        Bucket: bucket,
        Key: uploadKey(d.uploadId),
        ContentType: d.contentType,
        Metadata: metadata,
        ChecksumSHA256: checksum,
      });
      const url = await getSignedUrl(s3, command, {
        expiresIn: UPLOAD_TTL_SECONDS,
        signingDate,
        signableHeaders: new Set(['content-type']),
        unhoistableHeaders: new Set(Object.keys(headers)),
      });
      return { url, headers, expiresAt: new Date(signingDate.getTime() + UPLOAD_TTL_SECONDS * 1000).toISOString() };
    },

    /**
     * Puts `uploads/<uploadId>` server-side with the same declaration a presigned PUT carries
     * (a walk-through's placeholder materials): verified at submission like any upload.
     */
    async putUpload(d: DeclaredUpload, body: Uint8Array): Promise<void> {
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: uploadKey(d.uploadId),
          ContentType: d.contentType,
          Metadata: uploadMetadata(d),
          ChecksumSHA256: Buffer.from(d.sha256, 'hex').toString('base64'),
          Body: body,
        }),
      );
    },

    /**
     * Checks an upload against its declaration and the material's rules; throws
     * `UploadRejectedError` naming `e.path` on the first problem, stores nothing.
     */
    verifyUpload: (e: UploadExpectation): Promise<VerifiedUpload> => verifyUpload(s3, bucket, e),

    /** Copies a verified upload to `applications/<appId>/<materialId>` (same key on a retry). */
    async copyToApplication(uploadId: string, appId: string, materialId: string): Promise<string> {
      const key = materialKey(appId, materialId);
      await s3.send(
        new CopyObjectCommand({ Bucket: bucket, Key: key, CopySource: `${bucket}/${uploadKey(uploadId)}`, MetadataDirective: 'COPY' }),
      );
      return key;
    },

    /** Copies a verified upload to `key` (a 12345 report's photo; the same key on a retry). */
    async copyUpload(uploadId: string, key: string): Promise<void> {
      await s3.send(
        new CopyObjectCommand({ Bucket: bucket, Key: key, CopySource: `${bucket}/${uploadKey(uploadId)}`, MetadataDirective: 'COPY' }),
      );
    },

    /** A presigned GET of a stored material, valid for 5 minutes. */
    async presignDownload(key: string) {
      const signingDate = signingClock.now();
      const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: LINK_TTL_SECONDS, signingDate });
      return { url, expiresAt: new Date(signingDate.getTime() + LINK_TTL_SECONDS * 1000).toISOString() };
    },
  };
}

export type DocumentStore = ReturnType<typeof createDocumentStore>;
