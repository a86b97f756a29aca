import { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod';
import { httpHandler } from '../../../../functions/http/handler';
import { ConflictError, DependencyError, InternalError, NotFoundError } from '../../../../shared/errors';
import { apiEvent, CITIZEN, OFFICER } from '../../../events/api/events';
import { lambdaContext } from '../../../fixtures/lambda-context';

const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
const Body = z.object({
  form: z.object({ child: z.object({ idNumber: z.string().regex(/^\d{17}[\dX]$/, 'not an ID number') }) }),
  materials: z.array(z.object({ uploadId: z.string().startsWith('U') })),
});
const Path = z.object({ id: z.string().regex(/^A\d+$/) });
const Query = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

const calls: unknown[] = [];
const handler = httpHandler(
  { auth: 'jwt', roles: ['citizen', 'proxy'], body: Body, path: Path, query: Query, logger, timeoutEarlyInMillis: 0 },
  async (req) => {
    calls.push(req);
    return { status: 202, body: { id: req.params.id, limit: req.query.limit, key: req.idempotencyKey ?? null } };
  },
);

const validBody = { form: { child: { idNumber: '110101201901010015' } }, materials: [{ uploadId: 'U1' }] };
const post = (over: Parameters<typeof apiEvent>[0] extends infer O ? Partial<O> : never = {}) =>
  apiEvent({
    routeKey: 'POST /v1/things/{id}',
    rawPath: '/v1/things/A1',
    pathParameters: { id: 'A1' },
    claims: CITIZEN,
    body: validBody,
    ...over,
  });
const call = async (event: ReturnType<typeof apiEvent>) => {
  const res = await handler(event, lambdaContext());
  return { ...res, json: JSON.parse(res.body ?? 'null') as Record<string, unknown> };
};

beforeEach(() => {
  calls.length = 0;
});

describe('httpHandler success path', () => {
  test('parsed input reaches the function; JSON response with private-data and security headers', async () => {
    const res = await call(post({ query: { limit: '5' }, headers: { 'IdemPotency-Key': 'k-1' } }));
    expect(res.statusCode).toBe(202);
    expect(res.json).toEqual({ id: 'A1', limit: 5, key: 'k-1' });
    expect(res.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'strict-transport-security': expect.stringContaining('max-age='),
    });
    expect(calls[0]).toMatchObject({ principal: { sub: 'citizen-1', role: 'citizen' }, body: validBody });
  });

  test('limit defaults to 20; base64-encoded bodies are decoded', async () => {
    const res = await call(post({ body: Buffer.from(JSON.stringify(validBody)).toString('base64'), isBase64Encoded: true }));
    expect(res.statusCode).toBe(202);
    expect(res.json.limit).toBe(20);
  });
});

describe('httpHandler errors are problem+json', () => {
  const expectProblem = (res: Awaited<ReturnType<typeof call>>, status: number, code: string) => {
    expect(res.statusCode).toBe(status);
    expect(res.headers?.['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.json).toMatchObject({
      type: `https://onething.dev/problems/${code}`,
      code,
      status,
      title: expect.any(String),
      detail: expect.any(String),
    });
    expect(res.json.instance).toBe('urn:onething:request:c6af9ac6-7b61-11e6-9a41-93e8deadbeef');
    expect(calls).toHaveLength(0);
  };

  test('401 without authorizer claims, and with claims lacking a role', async () => {
    const noAuthorizer = post();
    delete (noAuthorizer.requestContext as { authorizer?: unknown }).authorizer;
    expectProblem(await call(noAuthorizer), 401, 'token-claims-missing');
    expectProblem(await call(post({ claims: { sub: 'x' } })), 401, 'token-claim-invalid');
  });

  test('403 for a role the endpoint does not allow', async () => {
    const res = await call(post({ claims: OFFICER }));
    expectProblem(res, 403, 'role-not-allowed');
    expect(res.json.detail).toContain("'officer'");
  });

  test('404 when a path parameter does not have the shape of an id', async () => {
    expectProblem(await call(post({ pathParameters: { id: 'nope' }, rawPath: '/v1/things/nope' })), 404, 'resource-not-found');
  });

  test('400 for malformed JSON and for a missing body, without echoing the body', async () => {
    const res = await call(post({ body: '{"form": 110101201901010015' }));
    expectProblem(res, 400, 'body-not-json');
    expect(JSON.stringify(res.json)).not.toContain('110101201901010015');
    const empty = post();
    delete empty.body;
    expectProblem(await call(empty), 400, 'body-required');
  });

  test('413 over 256 KiB, for plain and base64-encoded bodies', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(256 * 1024) });
    expectProblem(await call(post({ body: big })), 413, 'body-too-large');
    expectProblem(await call(post({ body: Buffer.from(big).toString('base64'), isBase64Encoded: true })), 413, 'body-too-large');
  });

  test('415 when the body is not declared as JSON', async () => {
    expectProblem(await call(post({ headers: { 'content-type': 'text/plain' } })), 415, 'content-type-not-json');
  });

  test('422 lists every violation with dotted paths and [i] indices', async () => {
    const res = await call(post({ body: { form: { child: { idNumber: '123' } }, materials: [{ uploadId: 'X' }] } }));
    expectProblem(res, 422, 'validation');
    expect(res.json.errors).toEqual([
      { path: 'form.child.idNumber', code: 'invalid-format', message: 'not an ID number' },
      { path: 'materials[0].uploadId', code: 'invalid-format', message: expect.any(String) },
    ]);
  });

  test('422 for a query out of range and for a malformed Idempotency-Key', async () => {
    const res = await call(post({ query: { limit: '101' } }));
    expectProblem(res, 422, 'validation');
    expect(res.json.errors).toEqual([{ path: 'limit', code: 'too-big', message: expect.any(String) }]);
    const key = await call(post({ headers: { 'idempotency-key': 'has space' } }));
    expectProblem(key, 422, 'validation');
    expect(key.json.errors).toEqual([{ path: 'Idempotency-Key', code: 'idempotency-key-format', message: expect.any(String) }]);
  });
});

describe('errors thrown by the function', () => {
  const failing = (error: unknown) =>
    httpHandler({ auth: 'public', logger, timeoutEarlyInMillis: 0 }, async () => {
      throw error;
    });
  const run = async (error: unknown) => {
    const res = await failing(error)(apiEvent({ routeKey: 'GET /v1/services', claims: null }), lambdaContext());
    return { ...res, json: JSON.parse(res.body ?? 'null') as Record<string, unknown> };
  };

  test.each([
    [new NotFoundError('no application A1'), 404, 'no application A1'],
    [new ConflictError('task already decided'), 409, 'task already decided'],
  ])('%p keeps its status and message', async (error, status, detail) => {
    const res = await run(error);
    expect(res.statusCode).toBe(status);
    expect(res.json.detail).toBe(detail);
  });

  test('5xx never show internals, and are logged with ID numbers masked', async () => {
    const spy = jest.spyOn(logger, 'error');
    for (const error of [new Error('boom for 110101201901010015 in table onething-main'), new InternalError('secret internals')]) {
      const res = await run(error);
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toMatch(/boom|secret|onething-main|110101201901010015/);
    }
    const logged = JSON.stringify(spy.mock.calls);
    expect(logged).toContain('boom for 110101********0015');
    expect(logged).not.toContain('110101201901010015');
    spy.mockRestore();
  });

  test('a handler cut off by the early timeout answers 503, not a hanging or leaking 500', async () => {
    const slow = httpHandler({ auth: 'public', logger, timeoutEarlyInMillis: 50 }, () => new Promise<never>(() => undefined));
    const res = await slow(apiEvent({ routeKey: 'GET /v1/services', claims: null }), lambdaContext({ remainingMs: 80 }));
    expect(res.statusCode).toBe(503);
    expect(JSON.parse(res.body ?? '{}').type).toBe('https://onething.dev/problems/dependency-unavailable');
  });

  test('503 for dependency failures, with Retry-After', async () => {
    const res = await run(new DependencyError('DynamoDB throttled'));
    expect(res.statusCode).toBe(503);
    expect(res.headers?.['retry-after']).toBe('1');
    expect(res.json.detail).not.toContain('DynamoDB');
  });

  test('the middleware classifies AWS failures: a transient SDK error is a retryable 503, a modelled one stays a 500', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), {
      name: 'ThrottlingException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    });
    const res = await run(throttled);
    expect(res.statusCode).toBe(503);
    expect(res.headers?.['retry-after']).toBe('1');
    expect(res.json.type).toBe('https://onething.dev/problems/dependency-unavailable');
    const invalid = Object.assign(new Error('bad key'), {
      name: 'ValidationException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    });
    expect((await run(invalid)).statusCode).toBe(500);
  });
});

describe('httpHandler applies the input rules to every part of the request', () => {
  test('a lone surrogate in a body value or key -> 422 naming it; the function is not called', async () => {
    const res = await call(post({ body: { ...validBody, note: 'x\ud800', form: { ...validBody.form, ['k\udc00']: 1 } } }));
    expect(res.statusCode).toBe(422);
    expect((res.json.errors as Array<{ path: string }>).map((e) => e.path)).toEqual(['form.k\ufffd', 'note']);
    expect(calls).toHaveLength(0);
  });

  test('a lone surrogate in a query value -> 422 naming the parameter; in a path value -> 404', async () => {
    const query = await call(post({ query: { limit: '5', cursor: 'c\ud800' } }));
    expect(query.statusCode).toBe(422);
    expect((query.json.errors as Array<{ path: string }>).map((e) => e.path)).toEqual(['cursor']);
    const path = await call(post({ pathParameters: { id: 'A1\ud800' } }));
    expect(path.statusCode).toBe(404);
    expect(calls).toHaveLength(0);
  });

  test('a token sub with a lone surrogate -> 401', async () => {
    const res = await call(post({ claims: { ...CITIZEN, sub: 'c\ud800' } }));
    expect(res.statusCode).toBe(401);
    expect(calls).toHaveLength(0);
  });
});
