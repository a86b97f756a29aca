import { routes, type RouteSpec } from '../../../functions/routes';
import { createDevTokenIssuer } from '../../../local/dev';
import { startApiServer, type RunningApiServer } from '../../../local/http-server';

const tokens = createDevTokenIssuer({ secret: 'unit-test-secret-of-at-least-32-characters' });
const events: string[] = [];
let failHandler = false;
let api: RunningApiServer;

beforeAll(async () => {
  api = await startApiServer({
    host: '127.0.0.1',
    port: 0,
    routes,
    verifyToken: (t) => tokens.verify(t),
    loadHandler: (route: RouteSpec) => async () => {
      events.push(`handler ${route.name}`);
      if (failHandler) throw new Error('handler broke');
      return { statusCode: 200, body: '{}' };
    },
    accessLog: () => {},
    onRoute: (route) => {
      events.push(`matched ${route.name}`);
      return () => events.push(`settled ${route.name}`);
    },
  });
});
afterAll(() => api.close());
beforeEach(() => {
  events.length = 0;
  failHandler = false;
});

describe('onRoute (the step lane hook)', () => {
  test('is told of the matched route before its handler runs, and again once the handler has settled', async () => {
    const res = await fetch(`${api.url}/v1/services`);
    expect(res.status).toBe(200);
    expect(events).toEqual(['matched list-services', 'handler list-services', 'settled list-services']);
  });

  test('settles when the handler throws, and when the authorizer refuses before any handler', async () => {
    failHandler = true;
    expect((await fetch(`${api.url}/v1/services`)).status).toBe(500);
    expect((await fetch(`${api.url}/v1/applications`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect(events).toEqual([
      'matched list-services',
      'handler list-services',
      'settled list-services',
      'matched submit-application',
      'settled submit-application',
    ]);
  });

  test('is not called for a path no route matches', async () => {
    expect((await fetch(`${api.url}/v1/nowhere`)).status).toBe(404);
    expect(events).toEqual([]);
  });
});
