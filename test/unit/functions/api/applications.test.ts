import { Logger } from '@aws-lambda-powertools/logger';
import { createGetApplicationHandler } from '../../../../functions/api/get-application';
import { createGetMaterialLinkHandler } from '../../../../functions/api/get-material-link';
import { createListApplicationsHandler } from '../../../../functions/api/list-applications';
import { createProvideSupplementHandler } from '../../../../functions/api/provide-supplement';
import { createSubmitApplicationHandler } from '../../../../functions/api/submit-application';
import { createWithdrawApplicationHandler } from '../../../../functions/api/withdraw-application';
import type { ApplicationService } from '../../../../functions/api/services';
import type { ApplicationView } from '../../../../shared/applications/schemas';
import { ConflictError, NotFoundError, ValidationError } from '../../../../shared/errors';
import { apiEvent, CITIZEN, OFFICER, PROXY } from '../../../events/api/events';
import { lambdaContext } from '../../../fixtures/lambda-context';

const silentLogger = new Logger({ logLevel: 'SILENT' });

const APP_ID = 'A01JD3Z6N8K5M2Q4R7T9V0W1X2Z';
const UPLOAD_ID = 'U0123456789ABCDEFGHJKMNPQRS';
const view: ApplicationView = {
  id: APP_ID,
  serviceId: 'school-enrolment',
  serviceVersion: 1,
  status: 'submitted',
  submittedAt: '2026-09-01T01:00:00.000Z',
  dueAt: '2026-09-15T10:00:00.000Z',
  walkthrough: false,
  branches: [],
  timeline: [],
  sharedDataChecks: [],
};

// Typed from the real factory: a fake cannot drift from the service's signature.
const fake: jest.Mocked<ApplicationService> = {
  submit: jest.fn(),
  list: jest.fn(),
  get: jest.fn(),
  supplement: jest.fn(),
  withdraw: jest.fn(),
  materialLink: jest.fn(),
};
const svc = () => fake;
const opts = { timeoutEarlyInMillis: 0, logger: silentLogger };
const json = (res: { body?: string }) => JSON.parse(res.body ?? 'null');
const submitBody = {
  serviceId: 'school-enrolment',
  form: { child: { name: '张小明' } },
  materials: [{ materialId: 'birth-certificate', uploadId: UPLOAD_ID }],
};

afterEach(() => jest.resetAllMocks());

describe('POST /v1/applications', () => {
  const handler = createSubmitApplicationHandler(svc, opts);
  const event = (over: Partial<Parameters<typeof apiEvent>[0]> = {}) =>
    apiEvent({ routeKey: 'POST /v1/applications', claims: CITIZEN, body: submitBody, headers: { 'Idempotency-Key': 'key-1' }, ...over });

  test('202 {id, status, links} with Location; the key and parsed body reach the service', async () => {
    fake.submit.mockResolvedValue({ application: view, replayed: false });
    const res = await handler(event(), lambdaContext());
    expect(res.statusCode).toBe(202);
    expect(json(res)).toEqual({
      id: APP_ID,
      status: 'submitted',
      links: {
        self: `/v1/applications/${APP_ID}`,
        supplements: `/v1/applications/${APP_ID}/supplements`,
        withdraw: `/v1/applications/${APP_ID}/withdraw`,
      },
    });
    expect(res.headers.location).toBe(`/v1/applications/${APP_ID}`);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect(fake.submit).toHaveBeenCalledWith({ sub: 'citizen-1', role: 'citizen' }, submitBody, 'key-1');
  });

  test('a replay is marked; proxies may submit', async () => {
    fake.submit.mockResolvedValue({ application: view, replayed: true });
    const res = await handler(event({ claims: PROXY }), lambdaContext());
    expect(res.headers['idempotent-replayed']).toBe('true');
  });

  test("the service's 422 (same key, different body) passes through with field paths", async () => {
    fake.submit.mockRejectedValue(new ValidationError([{ path: 'Idempotency-Key', message: 'reused with a different body' }]));
    const res = await handler(event(), lambdaContext());
    expect(res.statusCode).toBe(422);
    expect(json(res).errors).toEqual([{ path: 'Idempotency-Key', code: 'invalid', message: 'reused with a different body' }]);
  });

  test('officers may not submit (403) and the service is not called', async () => {
    const res = await handler(event({ claims: OFFICER }), lambdaContext());
    expect(res.statusCode).toBe(403);
    expect(fake.submit).not.toHaveBeenCalled();
  });

  // The body rules live in the schema only (the service takes the parsed body): each is tested here.
  test.each([
    ['no form', { serviceId: 'school-enrolment' }, PROXY, ['form']],
    [
      'an onBehalfOf idNumber with a wrong check character',
      { ...submitBody, onBehalfOf: { name: '张伟', idNumber: '410102198503150011', relation: '代办' } },
      PROXY,
      ['onBehalfOf.idNumber'],
    ],
  ])('%s -> 422 naming %j; the service is not called', async (_case, body, claims, paths) => {
    const res = await handler(event({ body, claims }), lambdaContext());
    expect(res.statusCode).toBe(422);
    expect(json(res).errors.map((e: { path: string }) => e.path)).toEqual(paths);
    expect(fake.submit).not.toHaveBeenCalled();
  });

  test('schema violations are 422 before the service: materials[0].uploadId', async () => {
    const res = await handler(event({ body: { ...submitBody, materials: [{ materialId: 'x', uploadId: 'nope' }] } }), lambdaContext());
    expect(res.statusCode).toBe(422);
    expect(json(res).errors).toEqual([{ path: 'materials[0].uploadId', code: 'upload-id-format', message: expect.any(String) }]);
  });
});

describe('reading and acting on one application', () => {
  const idEvent = (routeKey: string, over: Partial<Parameters<typeof apiEvent>[0]> = {}) =>
    apiEvent({
      routeKey,
      rawPath: routeKey.split(' ')[1]!.replace('{id}', APP_ID),
      pathParameters: { id: APP_ID },
      claims: CITIZEN,
      ...over,
    });

  test('GET returns the view; inspectors may read; unknown -> 404', async () => {
    const handler = createGetApplicationHandler(svc, opts);
    fake.get.mockResolvedValueOnce(view).mockRejectedValueOnce(new NotFoundError(`No application ${APP_ID}`));
    const ok = await handler(idEvent('GET /v1/applications/{id}', { claims: { sub: 'i-1', role: 'inspector' } }), lambdaContext());
    expect(ok.statusCode).toBe(200);
    expect(json(ok)).toEqual(view);
    expect(fake.get).toHaveBeenCalledWith({ sub: 'i-1', role: 'inspector' }, APP_ID);
    expect((await handler(idEvent('GET /v1/applications/{id}'), lambdaContext())).statusCode).toBe(404);
  });

  test('roles outside the route are 403 before the service: admin reads, officers supplement', async () => {
    const get = await createGetApplicationHandler(svc, opts)(
      idEvent('GET /v1/applications/{id}', { claims: { sub: 'a', role: 'admin' } }),
      lambdaContext(),
    );
    expect(get.statusCode).toBe(403);
    const supplement = await createProvideSupplementHandler(svc, opts)(
      idEvent('POST /v1/applications/{id}/supplements', { body: { department: 'education' }, claims: OFFICER }),
      lambdaContext(),
    );
    expect(supplement.statusCode).toBe(403);
    expect(fake.get).not.toHaveBeenCalled();
    expect(fake.supplement).not.toHaveBeenCalled();
  });

  test('an id that is not an application id is 404 without a service call', async () => {
    const handler = createGetApplicationHandler(svc, opts);
    const res = await handler(idEvent('GET /v1/applications/{id}', { pathParameters: { id: 'x' } }), lambdaContext());
    expect(res.statusCode).toBe(404);
    expect(fake.get).not.toHaveBeenCalled();
  });

  test('supplement -> 202 with the view; a branch not waiting -> 409', async () => {
    const handler = createProvideSupplementHandler(svc, opts);
    const body = { department: 'education', materials: [{ materialId: 'lease', uploadId: UPLOAD_ID }], note: '已补正' };
    fake.supplement
      .mockResolvedValueOnce({ ...view, status: 'in-review' })
      .mockRejectedValueOnce(new ConflictError('education is not waiting for a supplement'));
    const ok = await handler(idEvent('POST /v1/applications/{id}/supplements', { body }), lambdaContext());
    expect(ok.statusCode).toBe(202);
    expect(json(ok).status).toBe('in-review');
    expect(fake.supplement).toHaveBeenCalledWith({ sub: 'citizen-1', role: 'citizen' }, APP_ID, body);
    const conflict = await handler(idEvent('POST /v1/applications/{id}/supplements', { body }), lambdaContext());
    expect(conflict.statusCode).toBe(409);
    expect(json(conflict).detail).toBe('education is not waiting for a supplement');
  });

  test('withdraw needs no body -> 202; a finished application -> 409', async () => {
    const handler = createWithdrawApplicationHandler(svc, opts);
    fake.withdraw.mockResolvedValueOnce({ ...view, status: 'withdrawn' }).mockRejectedValueOnce(new ConflictError('already approved'));
    const ok = await handler(idEvent('POST /v1/applications/{id}/withdraw'), lambdaContext());
    expect(ok.statusCode).toBe(202);
    expect(json(ok).status).toBe('withdrawn');
    expect((await handler(idEvent('POST /v1/applications/{id}/withdraw'), lambdaContext())).statusCode).toBe(409);
  });

  test('material link for an officer', async () => {
    const handler = createGetMaterialLinkHandler(svc, opts);
    const link = { url: 'https://s3.example/x?sig', expiresAt: '2026-09-01T01:05:00.000Z' };
    fake.materialLink.mockResolvedValue(link);
    const res = await handler(
      idEvent('GET /v1/applications/{id}/materials/{materialId}', {
        rawPath: `/v1/applications/${APP_ID}/materials/birth-certificate`,
        pathParameters: { id: APP_ID, materialId: 'birth-certificate' },
        claims: OFFICER,
      }),
      lambdaContext(),
    );
    expect(json(res)).toEqual(link);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(fake.materialLink).toHaveBeenCalledWith({ sub: 'officer-1', role: 'officer', dept: 'education' }, APP_ID, 'birth-certificate');
  });
});

describe('GET /v1/applications', () => {
  const handler = createListApplicationsHandler(svc, opts);
  const summary = {
    id: APP_ID,
    serviceId: 'school-enrolment',
    status: 'submitted' as const,
    submittedAt: view.submittedAt,
    dueAt: view.dueAt,
    walkthrough: false,
  };

  test('limit defaults to 20 and the last page has nextCursor null', async () => {
    fake.list.mockResolvedValue({ items: [summary] });
    const res = await handler(apiEvent({ routeKey: 'GET /v1/applications', claims: CITIZEN }), lambdaContext());
    expect(json(res)).toEqual({ items: [summary], nextCursor: null });
    expect(fake.list).toHaveBeenCalledWith({ sub: 'citizen-1', role: 'citizen' }, { limit: 20 });
  });

  test('limit and cursor pass through; limit 0 -> 422 naming limit', async () => {
    fake.list.mockResolvedValue({ items: [], nextCursor: 'c2' });
    const res = await handler(
      apiEvent({ routeKey: 'GET /v1/applications', claims: CITIZEN, query: { limit: '2', cursor: 'c1' } }),
      lambdaContext(),
    );
    expect(json(res).nextCursor).toBe('c2');
    expect(fake.list).toHaveBeenCalledWith(expect.anything(), { limit: 2, cursor: 'c1' });
    const bad = await handler(apiEvent({ routeKey: 'GET /v1/applications', claims: CITIZEN, query: { limit: '0' } }), lambdaContext());
    expect(bad.statusCode).toBe(422);
    expect(json(bad).errors[0].path).toBe('limit');
  });

  test('officers have no list of their own (403) and the service is not called', async () => {
    const res = await handler(apiEvent({ routeKey: 'GET /v1/applications', claims: OFFICER }), lambdaContext());
    expect(res.statusCode).toBe(403);
    expect(fake.list).not.toHaveBeenCalled();
  });
});
