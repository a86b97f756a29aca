/**
 * The API client's two transports (local/client.ts): fetch, the default, and keepAliveHttp,
 * the benchmark's cheaper one. Both must give the same answers and errors; keepAliveHttp
 * must reuse its connection.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, keepAliveHttp, OneThingClient } from '../../../local/client';

let server: http.Server;
let base: string;
const sockets = new Set<unknown>();
const seen: Array<{ method: string; url: string; auth?: string; type?: string; body: string }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    sockets.add(req.socket);
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, type: req.headers['content-type'], body });
      if (req.url === '/missing') {
        res.writeHead(404, { 'content-type': 'application/problem+json' });
        res.end(JSON.stringify({ title: 'Not Found', detail: '没有这个办件' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ echo: body ? JSON.parse(body) : null, path: req.url }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen.length = 0;
  sockets.clear();
});

describe.each([
  ['fetch', undefined],
  ['keepAliveHttp', keepAliveHttp()],
])('%s', (_name, send) => {
  test('sends the method, token, JSON body and headers, and parses the answer', async () => {
    const client = new OneThingClient(base, undefined, send).as('tok-1');
    const answer = await client.request('POST', '/v1/things', { 名称: '入学' }, { 'idempotency-key': 'k1' });
    expect(answer).toEqual({ echo: { 名称: '入学' }, path: '/v1/things' });
    expect(seen).toEqual([{ method: 'POST', url: '/v1/things', auth: 'Bearer tok-1', type: 'application/json', body: '{"名称":"入学"}' }]);
  });

  test('a problem answer becomes an ApiError with its status and problem', async () => {
    const client = new OneThingClient(base, undefined, send);
    const error = await client.request('GET', '/missing').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, problem: { detail: '没有这个办件' } });
  });
});

test('keepAliveHttp reuses one connection for requests in sequence', async () => {
  const client = new OneThingClient(base, undefined, keepAliveHttp());
  for (let i = 0; i < 5; i++) await client.request('GET', `/n/${i}`);
  expect(seen).toHaveLength(5);
  expect(sockets.size).toBe(1);
});

test('keepAliveHttp rejects when nothing listens', async () => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  await expect(new OneThingClient(`http://127.0.0.1:${port}`, undefined, keepAliveHttp()).request('GET', '/')).rejects.toMatchObject({
    code: 'ECONNREFUSED',
  });
});
