/**
 * Where anchors are written so that they cannot be changed afterwards:
 * - locally, an append-only NDJSON file in the data folder (opened for append only, 0600);
 *   a line torn by a crash mid-write is skipped and the next anchor starts a new line;
 * - on AWS, one object per anchor under `anchors/` in the Object Lock archive bucket (the
 *   bucket's default retention locks each object; `If-None-Match: *` never replaces one).
 */
import fs from 'node:fs';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Anchor, AnchorStore } from './anchors';

/** The key prefix of anchors in the archive bucket: the only place the sealing function may write. */
export const ANCHOR_PREFIX = 'anchors/';

export function fileAnchorStore(file: string): AnchorStore {
  const read = (): Anchor[] => {
    if (!fs.existsSync(file)) return [];
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const out: Anchor[] = [];
    for (const line of lines) {
      if (line === '') continue;
      try {
        out.push(JSON.parse(line) as Anchor);
      } catch {
        // A line torn by a crash mid-write never held a whole anchor, so skipping it loses
        // none; a removed or altered anchor still shows as a broken link when replayed.
      }
    }
    return out;
  };
  return {
    location: file,
    list: () => Promise.resolve(read()),
    append: (anchor) => {
      const torn = fs.existsSync(file) && fs.statSync(file).size > 0 && !fs.readFileSync(file, 'utf8').endsWith('\n');
      fs.appendFileSync(file, `${torn ? '\n' : ''}${JSON.stringify(anchor)}\n`, { mode: 0o600, flag: 'a' });
      return Promise.resolve();
    },
  };
}

export function s3AnchorStore(s3: S3Client, bucket: string): AnchorStore {
  const keyOf = (seq: number) => `${ANCHOR_PREFIX}${String(seq).padStart(10, '0')}.json`;
  return {
    location: `s3://${bucket}/${ANCHOR_PREFIX}`,
    async list() {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: ANCHOR_PREFIX, ContinuationToken: token }));
        keys.push(...(page.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : [])));
        token = page.NextContinuationToken;
      } while (token);
      const out: Anchor[] = [];
      for (const Key of keys.sort()) {
        const obj = await s3.send(new GetObjectCommand({ Bucket: bucket, Key }));
        out.push(JSON.parse(await obj.Body!.transformToString('utf-8')) as Anchor);
      }
      return out;
    },
    async append(anchor) {
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: keyOf(anchor.seq),
          Body: JSON.stringify(anchor),
          ContentType: 'application/json',
          IfNoneMatch: '*',
          // Object Lock buckets require an integrity checksum on every put.
          ChecksumAlgorithm: 'SHA256',
        }),
      );
    },
  };
}
