import { Logger } from '@aws-lambda-powertools/logger';
import { createCreateUploadHandler } from '../../../../functions/api/create-upload';
import type { UploadService } from '../../../../functions/api/services';
import { NotFoundError } from '../../../../shared/errors';
import { apiEvent, CITIZEN, INSPECTOR, OFFICER } from '../../../events/api/events';
import { lambdaContext } from '../../../fixtures/lambda-context';

const silentLogger = new Logger({ logLevel: 'SILENT' });

const fake: jest.Mocked<UploadService> = { create: jest.fn() };
const handler = createCreateUploadHandler(() => fake, { timeoutEarlyInMillis: 0, logger: silentLogger });
const body = {
  serviceId: 'school-enrolment',
  materialId: 'birth-certificate',
  contentType: 'application/pdf',
  sizeBytes: 1234,
  sha256: 'a'.repeat(64),
};
const event = (over: Partial<Parameters<typeof apiEvent>[0]> = {}) =>
  apiEvent({ routeKey: 'POST /v1/uploads', claims: CITIZEN, body, ...over });

afterEach(() => jest.resetAllMocks());

test('201 with the ticket from the service', async () => {
  const ticket = {
    uploadId: 'U0123456789ABCDEFGHJKMNPQRS',
    url: 'http://127.0.0.1:4569/put',
    method: 'PUT' as const,
    headers: { 'x-amz-meta-sha256': 'a'.repeat(64) },
    expiresAt: '2026-09-01T01:15:00.000Z',
  };
  fake.create.mockResolvedValue(ticket);
  const res = await handler(event(), lambdaContext());
  expect(res.statusCode).toBe(201);
  expect(JSON.parse(res.body ?? '')).toEqual(ticket);
  expect(fake.create).toHaveBeenCalledWith({ sub: 'citizen-1', role: 'citizen' }, body);
});

test('bad sha256 and content type -> 422 per field; inspectors -> 403; unknown material -> 404', async () => {
  const bad = await handler(event({ body: { ...body, sha256: 'XYZ', contentType: 'text/html' } }), lambdaContext());
  expect(bad.statusCode).toBe(422);
  expect(
    JSON.parse(bad.body ?? '')
      .errors.map((e: { path: string }) => e.path)
      .sort(),
  ).toEqual(['contentType', 'sha256']);
  expect((await handler(event({ claims: INSPECTOR }), lambdaContext())).statusCode).toBe(403);
  fake.create.mockRejectedValue(new NotFoundError('school-enrolment has no material passport'));
  expect((await handler(event(), lambdaContext())).statusCode).toBe(404);
  expect(fake.create).toHaveBeenCalledTimes(1);
});

// The body's shape lives in the schema only (the service takes the parsed body); the material's own limits are the service's.
test.each([
  [{ sha256: 'ABC' }, ['sha256']],
  [{ sizeBytes: 0, sha256: 'x' }, ['sizeBytes', 'sha256']],
])('%j -> 422 on %j before the service', async (patch, paths) => {
  const res = await handler(event({ body: { ...body, ...patch } }), lambdaContext());
  expect(res.statusCode).toBe(422);
  expect(JSON.parse(res.body ?? '').errors.map((e: { path: string }) => e.path)).toEqual(paths);
  expect(fake.create).not.toHaveBeenCalled();
});

test('only applicants upload: officers are 403 before the service', async () => {
  expect((await handler(event({ claims: OFFICER }), lambdaContext())).statusCode).toBe(403);
  expect(fake.create).not.toHaveBeenCalled();
});
