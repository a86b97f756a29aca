import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { routes, type RouteSpec } from '../../../functions/routes';
import { createDevTokenIssuer } from '../../../local/dev';
import { startApiServer, type AccessLogEntry, type LambdaHttpHandler, type RunningApiServer } from '../../../local/http-server';
import { DevClock } from '../../../local/dev/clock';

const tokens = createDevTokenIssuer({ secret: 'unit-test-secret-of-at-least-32-characters' });
const NOW = new Date('2026-09-01T02:00:00.000Z');

let api: RunningApiServer;
let ready = false;
const calls: Array<{ route: string; event: APIGatewayProxyEventV2WithJWTAuthorizer; context: Context }> = [];
const access: AccessLogEntry[] = [];
let reply: APIGatewayProxyResultV2 = { statusCode: 200, body: '{}' };
const clock = new DevClock({ start: NOW });

beforeAll(async () => {
  api = await startApiServer({
    host: '127.0.0.1',
    port: 0,
    routes,
    verifyToken: (t) => tokens.verify(t),
    // Recording handlers: these tests are about the emulation, not the handler modules.
    loadHandler:
      (route: RouteSpec): LambdaHttpHandler =>
      async (event, context) => {
        calls.push({ route: route.name, event, context });
        return reply;
      },
    devRoutes: { tokens, clock },
    isReady: () => ready,
    accessLog: (e) => access.push(e),
    clock: { now: () => NOW },
  });
});
afterAll(() => api.close());
beforeEach(() => {
  calls.length = 0;
  access.length = 0;
  reply = { statusCode: 200, body: '{}' };
});

const citizen = () => tokens.issue({ role: 'citizen', sub: 'citizen-1' });
const problem = async (res: Response, status: number) => {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  return (await res.json()) as { type: string; status: number; detail: string };
};

describe('events are API Gateway v2 events', () => {
  test('GET with path, query, headers, cookies and verified claims', async () => {
    const res = await fetch(`${api.url}/v1/applications/A0123456789ABCDEFGHJKMNPQRS?limit=5&tag=a&tag=b`, {
      headers: { authorization: `Bearer ${await citizen()}`, 'X-Custom': 'yes', cookie: 'a=1; b=2' },
    });
    expect(res.status).toBe(200);
    const { route, event, context } = calls[0]!;
    expect(route).toBe('get-application');
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /v1/applications/{id}',
      rawPath: '/v1/applications/A0123456789ABCDEFGHJKMNPQRS',
      rawQueryString: 'limit=5&tag=a&tag=b',
      cookies: ['a=1', 'b=2'],
      queryStringParameters: { limit: '5', tag: 'a,b' },
      pathParameters: { id: 'A0123456789ABCDEFGHJKMNPQRS' },
      isBase64Encoded: false,
      requestContext: {
        routeKey: 'GET /v1/applications/{id}',
        stage: '$default',
        http: { method: 'GET', path: '/v1/applications/A0123456789ABCDEFGHJKMNPQRS', sourceIp: '127.0.0.1' },
        timeEpoch: NOW.getTime(),
        time: '01/Sep/2026:02:00:00 +0000',
        authorizer: { jwt: { claims: { sub: 'citizen-1', role: 'citizen', iss: 'onething-local', aud: 'onething' }, scopes: [] } },
      },
    });
    expect(event.requestContext.authorizer.jwt.claims.exp).toMatch(/^\d+$/);
    expect(event.headers['x-custom']).toBe('yes');
    expect(event.body).toBeUndefined();
    expect(event.requestContext.requestId).toBe(context.awsRequestId);
    expect(context.functionName).toBe('onething-get-application');
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(25_000);
  });

  test('JSON bodies arrive as text, binary bodies base64-encoded; public routes have no authorizer', async () => {
    await fetch(`${api.url}/v1/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await citizen()}`, 'content-type': 'application/json' },
      body: '{"办":1}',
    });
    expect(calls[0]!.event).toMatchObject({ body: '{"办":1}', isBase64Encoded: false });
    await fetch(`${api.url}/v1/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await citizen()}`, 'content-type': 'application/pdf' },
      body: Buffer.from([0x25, 0x50, 0xff]),
    });
    expect(calls[1]!.event).toMatchObject({ body: Buffer.from([0x25, 0x50, 0xff]).toString('base64'), isBase64Encoded: true });
    await fetch(`${api.url}/v1/services/school-enrolment`);
    expect(calls[2]!.event.requestContext).not.toHaveProperty('authorizer');
    expect(calls[2]!.event.pathParameters).toEqual({ serviceId: 'school-enrolment' });
  });
});

describe('what API Gateway answers itself', () => {
  test('401 before the handler: no token, not bearer, bad signature', async () => {
    const forged = createDevTokenIssuer({ secret: 'another-secret-that-is-at-least-32-chars' });
    const cases = [
      [undefined, 'token-missing'],
      ['Basic abc', 'token-missing'],
      [`Bearer ${await forged.issue({ role: 'citizen', sub: 'x' })}`, 'token-invalid'],
    ] as const;
    for (const [authorization, code] of cases) {
      const res = await fetch(`${api.url}/v1/applications`, { headers: authorization ? { authorization } : {} });
      expect((await problem(res, 401)).type).toBe(`https://onething.dev/problems/${code}`);
    }
    expect(calls).toHaveLength(0);
  });

  test('404 unknown route, 405 wrong method with Allow', async () => {
    await problem(await fetch(`${api.url}/v1/nothing-here`), 404);
    await problem(await fetch(`${api.url}/v1/services/`), 404);
    await problem(await fetch(`${api.url}//v1/services`), 404);
    const res = await fetch(`${api.url}/v1/services`, { method: 'DELETE' });
    await problem(res, 405);
    expect(res.headers.get('allow')).toBe('GET');
    expect(calls).toHaveLength(0);
  });

  test('literal segments beat parameters; {name+} is greedy; parameters are percent-decoded', async () => {
    const table: RouteSpec[] = [
      { name: 'any-file', method: 'GET', path: '/files/{path+}', auth: 'public', entry: 'unused', access: [] },
      { name: 'one-file', method: 'GET', path: '/files/{name}', auth: 'public', entry: 'unused', access: [] },
      { name: 'readme', method: 'GET', path: '/files/readme', auth: 'public', entry: 'unused', access: [] },
    ];
    const hits: Array<[string, unknown]> = [];
    const custom = await startApiServer({
      port: 0,
      routes: table,
      verifyToken: async () => ({}),
      accessLog: () => undefined,
      loadHandler: (route) => async (event) => {
        hits.push([route.name, event.pathParameters]);
        return { statusCode: 204 };
      },
    });
    try {
      for (const p of ['/files/readme', '/files/%E5%8A%9E.pdf', '/files/a/b/c']) await fetch(`${custom.url}${p}`);
      expect(hits).toEqual([
        ['readme', undefined],
        ['one-file', { name: '办.pdf' }],
        ['any-file', { path: 'a/b/c' }],
      ]);
    } finally {
      await custom.close();
    }
  });

  test('413 over 10 MB', async () => {
    const res = await fetch(`${api.url}/v1/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await citizen()}`, 'content-type': 'application/json' },
      body: Buffer.alloc(10 * 1024 * 1024 + 1, 0x20),
    });
    await problem(res, 413);
    expect(calls).toHaveLength(0);
  });

  test('/healthz is 503 until ready', async () => {
    ready = false;
    await problem(await fetch(`${api.url}/healthz`), 503);
    ready = true;
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
  });
});

describe('results are written as API Gateway writes them', () => {
  test('status, headers, multi-value cookies and base64 bodies', async () => {
    reply = {
      statusCode: 201,
      headers: { 'x-a': 'b' },
      cookies: ['s=1; HttpOnly', 't=2'],
      body: Buffer.from('%PDF').toString('base64'),
      isBase64Encoded: true,
    };
    const res = await fetch(`${api.url}/v1/services`);
    expect(res.status).toBe(201);
    expect(res.headers.get('x-a')).toBe('b');
    expect(res.headers.getSetCookie()).toEqual(['s=1; HttpOnly', 't=2']);
    expect(await res.text()).toBe('%PDF');
  });

  test('a bare object result is a 200 JSON body; a throwing handler is a generic 500', async () => {
    reply = { hello: 'world' } as unknown as APIGatewayProxyResultV2;
    const ok = await fetch(`${api.url}/v1/services`);
    expect(await ok.json()).toEqual({ hello: 'world' });
    const failing = await startApiServer({
      port: 0,
      routes,
      verifyToken: async () => ({}),
      accessLog: () => undefined,
      loadHandler: () => async () => {
        throw new Error('secret detail');
      },
    });
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const body = await problem(await fetch(`${failing.url}/v1/services`), 500);
      expect(body.detail).not.toContain('secret');
    } finally {
      stderr.mockRestore();
      await failing.close();
    }
  });

  test('one access line per request with the route template, never the raw path', async () => {
    await fetch(`${api.url}/v1/applications/A0123456789ABCDEFGHJKMNPQRS`, { headers: { authorization: `Bearer ${await citizen()}` } });
    expect(access).toEqual([{ method: 'GET', route: '/v1/applications/{id}', status: 200, ms: expect.any(Number) }]);
  });
});

describe('dev routes (local mode only)', () => {
  const post = (path: string, body: unknown) =>
    fetch(`${api.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  test('POST /v1/dev/tokens issues a token the server accepts', async () => {
    const res = await post('/v1/dev/tokens', { role: 'officer', sub: 'o-1', dept: 'education' });
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    await fetch(`${api.url}/v1/tasks/TQTAx`, { headers: { authorization: `Bearer ${token}` } });
    expect(calls[0]!.event.requestContext.authorizer.jwt.claims).toMatchObject({ sub: 'o-1', role: 'officer', dept: 'education' });
  });

  test('422 naming the field for a bad role or an officer without dept; 400 for bad JSON', async () => {
    const badRole = await problem(await post('/v1/dev/tokens', { role: 'king', sub: 'x' }), 422);
    expect((badRole as unknown as { errors: Array<{ path: string }> }).errors[0]!.path).toBe('role');
    const noDept = await problem(await post('/v1/dev/tokens', { role: 'officer', sub: 'x' }), 422);
    expect((noDept as unknown as { errors: Array<{ path: string }> }).errors[0]!.path).toBe('dept');
    await problem(
      await fetch(`${api.url}/v1/dev/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }),
      400,
    );
  });

  test('GET/POST /v1/dev/clock read and advance the dev clock, awaiting its listeners', async () => {
    const seen: string[] = [];
    clock.onAdvance(async (now) => {
      await new Promise((r) => setTimeout(r, 20));
      seen.push(now.toISOString());
    });
    const before = ((await (await fetch(`${api.url}/v1/dev/clock`)).json()) as { now: string }).now;
    const res = await post('/v1/dev/clock', { advanceSeconds: 86400 });
    const { now } = (await res.json()) as { now: string };
    expect(Date.parse(now) - Date.parse(before)).toBeGreaterThanOrEqual(86400_000);
    expect(seen).toEqual([now]);
    const bad = await problem(await post('/v1/dev/clock', { advanceSeconds: -5 }), 422);
    expect((bad as unknown as { errors: Array<{ path: string }> }).errors[0]!.path).toBe('advanceSeconds');
  });

  test('without devRoutes the dev paths do not exist; the default loader requires the entry modules', async () => {
    const plain = await startApiServer({ port: 0, routes, verifyToken: async () => ({}), accessLog: () => undefined });
    try {
      await problem(await fetch(`${plain.url}/v1/dev/clock`), 404);
      expect(await (await fetch(`${plain.url}/healthz`)).json()).toEqual({ ok: true });
      const services = (await (await fetch(`${plain.url}/v1/services`)).json()) as { items: Array<{ id: string }> };
      expect(services.items.map((s) => s.id)).toContain('school-enrolment');
    } finally {
      await plain.close();
    }
  });
});
