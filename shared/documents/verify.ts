import { createHash } from 'node:crypto';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { UploadRejectedError, type UploadProblem } from './errors';
import { SNIFF_BYTES, sniffContentType } from './magic';

/** What an upload is checked against at submission. */
export interface UploadExpectation {
  uploadId: string;
  ownerSub: string;
  materialId: string;
  /** When given, the service signed into the upload must be this one (a 12345 report's photo). */
  serviceId?: string;
  accept: readonly string[];
  maxBytes: number;
  /** The request field named in a rejection, e.g. `materials[1].uploadId`. */
  path: string;
}

export interface VerifiedUpload {
  uploadId: string;
  materialId: string;
  sizeBytes: number;
  contentType: string;
  sha256: string;
}

export const uploadKey = (uploadId: string) => `uploads/${uploadId}`;
/** The owner is stored hashed: metadata must be ASCII, and a `sub` is nobody's business in S3. */
export const ownerTag = (sub: string) => createHash('sha256').update(sub).digest('hex').slice(0, 32);

/**
 * Reads `uploads/<uploadId>` once and checks, in order: it exists, the owner and material
 * signed into it, the size limit, the size and sha256 of the bytes against the declaration,
 * and the content type shown by the first bytes against the declared type and the
 * material's `accept` list. The first failure throws an `UploadRejectedError` on `e.path`.
 */
export async function verifyUpload(s3: S3Client, bucket: string, e: UploadExpectation): Promise<VerifiedUpload> {
  const reject = (problem: UploadProblem, detail: string) => new UploadRejectedError(e.path, problem, detail);
  let object;
  try {
    object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: uploadKey(e.uploadId) }));
  } catch (error) {
    if (error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound'))
      throw reject('not-found', 'no bytes were uploaded for this id (or it expired)');
    throw error;
  }
  const meta = object.Metadata ?? {};
  const body = object.Body as (AsyncIterable<Uint8Array> & { destroy?: () => void }) | undefined;
  const early = (problem: UploadProblem, detail: string) => {
    // Rejected on the metadata alone: release the connection without reading the bytes.
    body?.destroy?.();
    return reject(problem, detail);
  };
  if (meta.owner !== ownerTag(e.ownerSub)) throw early('wrong-owner', 'the upload was made by another user');
  if (meta.material !== e.materialId) throw early('wrong-material', `the upload was declared for material ${meta.material ?? '(none)'}`);
  if (e.serviceId !== undefined && meta.service !== e.serviceId)
    throw early('wrong-material', `the upload was declared for service ${meta.service ?? '(none)'}`);
  const declaredSize = Number(meta.size);
  if (declaredSize > e.maxBytes || (object.ContentLength ?? 0) > e.maxBytes)
    throw early('too-large', `the material accepts at most ${e.maxBytes} bytes`);

  const hash = createHash('sha256');
  const head: number[] = [];
  let size = 0;
  for await (const chunk of body ?? []) {
    size += chunk.length;
    if (size > e.maxBytes) throw reject('too-large', `the material accepts at most ${e.maxBytes} bytes`);
    hash.update(chunk);
    for (let i = 0; head.length < SNIFF_BYTES && i < chunk.length; i++) head.push(chunk[i]!);
  }
  if (size !== declaredSize) throw reject('size-mismatch', `declared ${declaredSize} bytes, uploaded ${size}`);
  const sha256 = hash.digest('hex');
  if (sha256 !== meta.sha256) throw reject('checksum-mismatch', 'the bytes do not match the declared sha256');
  const sniffed = sniffContentType(Uint8Array.from(head));
  if (!sniffed) throw reject('unrecognised-content', 'the bytes are not a PDF, JPEG or PNG');
  if (sniffed !== object.ContentType)
    throw reject('content-type-mismatch', `declared ${object.ContentType ?? '(none)'}, the bytes are ${sniffed}`);
  if (!e.accept.includes(sniffed))
    throw reject('type-not-accepted', `${sniffed} is not accepted for this material (${e.accept.join(', ')})`);
  return { uploadId: e.uploadId, materialId: e.materialId, sizeBytes: size, contentType: sniffed, sha256 };
}
