import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { CopyObjectCommand, GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { createDocumentStore } from '../../../../shared/documents/store';
import { UploadRejectedError } from '../../../../shared/documents/errors';
import { DevClock } from '../../../../local/dev/clock';

const s3Mock = mockClient(S3Client);
afterEach(() => s3Mock.reset());

const s3 = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
const signingClock = new DevClock({ start: new Date('2026-09-30T02:00:00Z'), realNow: () => 0 });
const docs = createDocumentStore({ s3, bucket: 'materials', signingClock });
const UPLOAD = 'U0123456789ABCDEFGHJKMNPQRS';
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 7)]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const ownerTag = createHash('sha256').update('citizen-1').digest('hex').slice(0, 32);

const expectation = {
  uploadId: UPLOAD,
  ownerSub: 'citizen-1',
  materialId: 'household-booklet',
  accept: ['application/pdf', 'image/png'],
  maxBytes: 1000,
  path: 'materials[0].uploadId',
};

function stored(bytes: Buffer, meta: Record<string, string> = {}, contentType = 'application/pdf') {
  s3Mock.on(GetObjectCommand, { Bucket: 'materials', Key: `uploads/${UPLOAD}` }).resolves({
    Body: Readable.from([bytes.subarray(0, 3), bytes.subarray(3)]) as never,
    ContentLength: bytes.length,
    ContentType: contentType,
    Metadata: { owner: ownerTag, material: 'household-booklet', size: String(pdf.length), sha256: sha(pdf), ...meta },
  });
}

async function rejection(): Promise<UploadRejectedError> {
  const error = await docs.verifyUpload(expectation).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UploadRejectedError);
  expect((error as UploadRejectedError).errors[0]!.path).toBe('materials[0].uploadId');
  return error as UploadRejectedError;
}

describe('presignUpload', () => {
  test('signs the declaration into headers the client must send, valid 15 minutes', async () => {
    const ticket = await docs.presignUpload({
      uploadId: UPLOAD,
      ownerSub: 'citizen-1',
      serviceId: 'school-enrolment',
      materialId: 'household-booklet',
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: sha(pdf),
    });
    const url = new URL(ticket.url);

    expect(url.pathname).toBe(`/uploads/${UPLOAD}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-Date')).toBe('20260930T020000Z');
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(
      expect.arrayContaining([
        'content-type',
        'x-amz-checksum-sha256',
        'x-amz-meta-sha256',
        'x-amz-meta-size',
        'x-amz-meta-owner',
        'x-amz-meta-material',
      ]),
    );
    expect(ticket.headers).toEqual({
      'content-type': 'application/pdf',
      'x-amz-checksum-sha256': Buffer.from(sha(pdf), 'hex').toString('base64'),
      'x-amz-meta-owner': ownerTag,
      'x-amz-meta-service': 'school-enrolment',
      'x-amz-meta-material': 'household-booklet',
      'x-amz-meta-size': String(pdf.length),
      'x-amz-meta-sha256': sha(pdf),
    });
    expect(ticket.expiresAt).toBe('2026-09-30T02:15:00.000Z');
  });
});

describe('verifyUpload', () => {
  test('accepts bytes matching every declared fact', async () => {
    stored(pdf);
    expect(await docs.verifyUpload(expectation)).toEqual({
      uploadId: UPLOAD,
      materialId: 'household-booklet',
      sizeBytes: pdf.length,
      contentType: 'application/pdf',
      sha256: sha(pdf),
    });
  });

  test('a missing object -> not-found', async () => {
    s3Mock.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'no', $metadata: {} }));
    expect((await rejection()).problem).toBe('not-found');
  });

  test.each([
    ['wrong-owner', { owner: 'someone-else' }],
    ['wrong-material', { material: 'property-certificate' }],
    ['size-mismatch', { size: String(pdf.length + 1) }],
    ['checksum-mismatch', { sha256: 'b'.repeat(64) }],
    ['too-large', { size: '5000' }],
  ])('%s', async (problem, meta) => {
    stored(pdf, meta);
    expect((await rejection()).problem).toBe(problem);
  });

  test('bytes beyond maxBytes are refused while streaming', async () => {
    const big = Buffer.concat([pdf, Buffer.alloc(1000)]);
    s3Mock.on(GetObjectCommand).resolves({
      Body: Readable.from([big]) as never,
      ContentLength: 900,
      ContentType: 'application/pdf',
      Metadata: { owner: ownerTag, material: 'household-booklet', size: '900', sha256: sha(big) },
    });
    expect((await rejection()).problem).toBe('too-large');
  });

  test('bytes that are no PDF, JPEG or PNG -> unrecognised-content', async () => {
    const gif = Buffer.from('GIF89a........');
    stored(gif, { size: String(gif.length), sha256: sha(gif) });
    expect((await rejection()).problem).toBe('unrecognised-content');
  });

  test('a PNG declared as PDF -> content-type-mismatch', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    stored(png, { size: String(png.length), sha256: sha(png) }, 'application/pdf');
    expect((await rejection()).problem).toBe('content-type-mismatch');
  });

  test('a real JPEG for a material that accepts only PDF and PNG -> type-not-accepted', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    stored(jpeg, { size: String(jpeg.length), sha256: sha(jpeg) }, 'image/jpeg');
    expect((await rejection()).problem).toBe('type-not-accepted');
  });
});

test('copyToApplication copies to the application key; presignDownload is valid 5 minutes', async () => {
  s3Mock.on(CopyObjectCommand).resolves({});
  expect(await docs.copyToApplication(UPLOAD, 'A1', 'household-booklet')).toBe('applications/A1/household-booklet');
  expect(s3Mock.commandCalls(CopyObjectCommand)[0]!.args[0].input).toEqual({
    Bucket: 'materials',
    Key: 'applications/A1/household-booklet',
    CopySource: `materials/uploads/${UPLOAD}`,
    MetadataDirective: 'COPY',
  });
  const link = await docs.presignDownload('applications/A1/household-booklet');
  expect(new URL(link.url).searchParams.get('X-Amz-Expires')).toBe('300');
  expect(link.expiresAt).toBe('2026-09-30T02:05:00.000Z');
});
