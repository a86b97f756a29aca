import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileAnchorStore, s3AnchorStore } from '../../../../shared/audit/anchor-store';
import { anchorHash, headsDigest, replayAnchors, type Anchor } from '../../../../shared/audit/anchors';

const anchor = (seq: number): Anchor => {
  const unhashed = { seq, sealedAt: 'x', cutoff: 'y', prev: '0'.repeat(64), heads: [], chains: 0, headsDigest: headsDigest(new Map()) };
  return { ...unhashed, hash: anchorHash(unhashed) };
};

test('S3: one object per anchor under anchors/, never replacing one (If-None-Match), with a checksum for Object Lock', async () => {
  const s3 = mockClient(S3Client);
  s3.on(PutObjectCommand).resolves({});
  s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'anchors/0000000001.json' }] });
  // The SDK's stream body, reduced to the one method the store calls.
  const body = { transformToString: () => Promise.resolve(JSON.stringify(anchor(1))) };
  s3.on(GetObjectCommand).resolves({ Body: body as never });
  const store = s3AnchorStore(new S3Client({ region: 'us-east-1' }), 'archive');
  await store.append(anchor(1));
  expect(s3.commandCalls(PutObjectCommand)[0]!.args[0].input).toMatchObject({
    Bucket: 'archive',
    Key: 'anchors/0000000001.json',
    IfNoneMatch: '*',
    ChecksumAlgorithm: 'SHA256',
  });
  expect(await store.list()).toEqual([anchor(1)]);
  expect(s3.commandCalls(ListObjectsV2Command)[0]!.args[0].input).toMatchObject({ Bucket: 'archive', Prefix: 'anchors/' });
});

test('file: a torn last line (crash mid-write) is ignored and the next anchor starts a new line', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'anchors-')), 'anchors.ndjson');
  const store = fileAnchorStore(file);
  await store.append(anchor(1));
  fs.appendFileSync(file, '{"seq":2,"sealed');
  expect(await store.list()).toEqual([anchor(1)]);
  await store.append(anchor(2));
  expect((await store.list()).map((a) => a.seq)).toEqual([1, 2]);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  // Anchor 2 does not chain to anchor 1 here: replay names the broken link.
  expect(replayAnchors(await store.list()).problems).toEqual([{ seq: 2, reason: 'anchor-link-broken' }]);
});
