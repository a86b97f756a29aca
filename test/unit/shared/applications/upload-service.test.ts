import { createUploadService } from '../../../../shared/applications/upload-service';
import { NotFoundError, ValidationError } from '../../../../shared/errors';
import { citizen, testDeps } from './helpers';

const uploads = createUploadService(testDeps());
const request = {
  serviceId: 'school-enrolment',
  materialId: 'household-booklet',
  contentType: 'application/pdf' as const,
  sizeBytes: 1234,
  sha256: 'a'.repeat(64),
};

const fieldErrors = (p: Promise<unknown>) =>
  p.then(
    () => [],
    (e: unknown) => {
      expect(e).toBeInstanceOf(ValidationError);
      return (e as ValidationError).errors.map((x) => x.path);
    },
  );

test('a citizen gets a presigned PUT for uploads/<random id> with the headers to send', async () => {
  const ticket = await uploads.create(citizen, request);
  expect(ticket).toMatchObject({
    method: 'PUT',
    headers: expect.objectContaining({ 'x-amz-meta-size': '1234', 'content-type': 'application/pdf' }),
  });
  expect(ticket.uploadId).toMatch(/^U[0-9A-HJKMNP-TV-Z]{26}$/);
  expect(new URL(ticket.url)).toMatchObject({ hostname: 'materials.s3.us-east-1.amazonaws.com', pathname: `/uploads/${ticket.uploadId}` });
  expect((await uploads.create(citizen, request)).uploadId).not.toBe(ticket.uploadId);
});

test('an unknown service is a 404', async () => {
  await expect(uploads.create(citizen, { ...request, serviceId: 'no-such-service' })).rejects.toBeInstanceOf(NotFoundError);
});

// The body's shape (sha256, a positive size) and the applicant roles are the edge's: test/unit/functions/api/create-upload.test.ts.
test.each([
  [{ materialId: 'passport' }, ['materialId']],
  [{ sizeBytes: 5_000_001 }, ['sizeBytes']],
  [{ contentType: 'image/gif' }, ['contentType']],
])('%j -> 422 on %j', async (patch, paths) => {
  expect(await fieldErrors(uploads.create(citizen, { ...request, ...patch } as typeof request))).toEqual(paths);
});
