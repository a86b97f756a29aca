import type http from 'node:http';
import { isLoopbackHost, isLoopbackOrigin, refusalReason } from '../../../local/loopback';
import { loadLocalConfig } from '../../../local/config';

test('Host: a loopback name with the port the request came in on', () => {
  for (const host of ['127.0.0.1:3000', 'localhost:3000', 'LocalHost:3000', '[::1]:3000', ' 127.0.0.1:3000 '])
    expect([host, isLoopbackHost(host, 3000)]).toEqual([host, true]);
  expect(isLoopbackHost('localhost', 80)).toBe(true);
  const refused = [
    undefined,
    '',
    'attacker.example:3000',
    'attacker.example',
    '127.0.0.1:3001',
    '127.0.0.1',
    'localhost.:3000',
    'localhost.attacker.example:3000',
    '127.0.0.2:3000',
    '0.0.0.0:3000',
    '[::1]',
    '::1:3000',
    '127.0.0.1:3000@attacker.example',
    'user@127.0.0.1:3000',
    '127.0.0.1:03000x',
  ];
  for (const host of refused) expect([host, isLoopbackHost(host, 3000)]).toEqual([host, false]);
});

test('Origin: exactly http://<loopback name>:<an allowed port>', () => {
  for (const origin of ['http://127.0.0.1:3000', 'http://localhost:3000', 'http://[::1]:3000', 'http://localhost:4569']) {
    expect([origin, isLoopbackOrigin(origin, [3000, 4569])]).toEqual([origin, true]);
  }
  const refused = [
    'null',
    '',
    'http://attacker.example:3000',
    'https://localhost:3000',
    'http://localhost:3001',
    'http://localhost',
    'http://localhost:3000/',
    'http://localhost:3000/path',
    'http://user@localhost:3000',
    'file://',
    'http://127.0.0.1.attacker.example:3000',
  ];
  for (const origin of refused) expect([origin, isLoopbackOrigin(origin, [3000])]).toEqual([origin, false]);
});

test('ONETHING_DEV_ROUTES: on by default, off on request, anything else fails loudly', () => {
  expect(loadLocalConfig({}).devRoutes).toBe(true);
  expect(loadLocalConfig({ ONETHING_DEV_ROUTES: 'off' }).devRoutes).toBe(false);
  expect(() => loadLocalConfig({ ONETHING_DEV_ROUTES: 'no' })).toThrow(/ONETHING_DEV_ROUTES/);
});

test('a request: loopback Host, then Origin (own port or an admitted one), then no cross-site fetch', () => {
  const req = (headers: http.IncomingHttpHeaders) => ({ socket: { localPort: 4569 }, headers }) as unknown as http.IncomingMessage;
  expect(refusalReason(req({ host: '127.0.0.1:4569' }))).toBeUndefined();
  expect(refusalReason(req({ host: '127.0.0.1:4569', origin: 'http://localhost:4569', 'sec-fetch-site': 'same-origin' }))).toBeUndefined();
  expect(
    refusalReason(req({ host: '127.0.0.1:4569', origin: 'http://localhost:3000', 'sec-fetch-site': 'same-site' }), [3000]),
  ).toBeUndefined();
  expect(refusalReason(req({ host: '127.0.0.1:4569', 'sec-fetch-site': 'none' }))).toBeUndefined();
  expect(refusalReason(req({}))).toMatch(/Host must be 127.0.0.1:4569/);
  expect(refusalReason(req({ host: 'attacker.example:4569' }))).toMatch(/Host/);
  expect(refusalReason(req({ host: '127.0.0.1:4569', origin: 'http://localhost:3000' }))).toMatch(/other origins/);
  expect(refusalReason(req({ host: '127.0.0.1:4569', 'sec-fetch-site': 'cross-site' }))).toMatch(/other sites/);
});
