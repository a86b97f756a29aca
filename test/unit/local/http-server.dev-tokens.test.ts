import * as jose from 'jose';
import { decodeProtectedHeader } from 'jose';
import { createDevTokenIssuer } from '../../../local/dev';
import { principalFromClaims } from '../../../shared/auth/principal';
import { UnauthorizedError } from '../../../shared/errors';

const SECRET = 'unit-test-secret-of-at-least-32-characters';

test('HS256 tokens with sub, role, dept, issuer, audience and a 12 h lifetime', async () => {
  const clock = { now: () => new Date('2026-09-01T00:00:00Z') };
  const tokens = createDevTokenIssuer({ secret: SECRET, clock });
  const token = await tokens.issue({ role: 'officer', sub: 'o-1', dept: 'education' });
  expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
  const claims = await tokens.verify(token);
  expect(claims).toEqual({
    sub: 'o-1',
    role: 'officer',
    dept: 'education',
    iss: 'onething-local',
    aud: 'onething',
    iat: Date.parse('2026-09-01T00:00:00Z') / 1000,
    exp: Date.parse('2026-09-01T12:00:00Z') / 1000,
  });
  expect(principalFromClaims(claims)).toEqual({ sub: 'o-1', role: 'officer', dept: 'education' });
});

test('expired, tampered and foreign tokens are 401 errors', async () => {
  let now = new Date('2026-09-01T00:00:00Z');
  const tokens = createDevTokenIssuer({ secret: SECRET, clock: { now: () => now } });
  const token = await tokens.issue({ role: 'citizen', sub: 'c-1' });
  now = new Date('2026-09-01T12:00:01Z');
  await expect(tokens.verify(token)).rejects.toMatchObject({ status: 401, message: 'The bearer token is expired' });
  now = new Date('2026-09-01T01:00:00Z');
  const [h, , s] = token.split('.');
  const forgedPayload = Buffer.from(
    JSON.stringify({ sub: 'c-1', role: 'admin', iss: 'onething-local', aud: 'onething', exp: 2e9 }),
  ).toString('base64url');
  await expect(tokens.verify(`${h}.${forgedPayload}.${s}`)).rejects.toMatchObject({ status: 401, message: 'The bearer token is invalid' });
  const other = createDevTokenIssuer({ secret: 'x'.repeat(40), clock: { now: () => now } });
  await expect(tokens.verify(await other.issue({ role: 'citizen', sub: 'c-1' }))).rejects.toThrow(UnauthorizedError);
});

test('a short secret and bad requests are refused', async () => {
  expect(() => createDevTokenIssuer({ secret: 'short' })).toThrow(/at least 32 characters/);
  const tokens = createDevTokenIssuer({ secret: SECRET });
  await expect(tokens.issue({ role: 'officer', sub: 'o-1' })).rejects.toThrow(/dept/);
});

describe('verified tokens are recognised again (local/dev/verified-tokens.ts)', () => {
  const jwtVerify = jest.spyOn(jose, 'jwtVerify');
  beforeEach(() => jwtVerify.mockClear());

  test('the same token is verified by jose once, then recognised; its claims stay the same', async () => {
    const clock = { now: () => new Date('2026-09-01T00:00:00Z') };
    const tokens = createDevTokenIssuer({ secret: SECRET, clock });
    const token = await tokens.issue({ role: 'citizen', sub: 'c-1' });
    const first = await tokens.verify(token);
    const second = await tokens.verify(token);
    expect(second).toEqual(first);
    expect(jwtVerify).toHaveBeenCalledTimes(1);
  });

  test('a token verified before is still 401 once expired, and a forgery of it is still invalid', async () => {
    let now = new Date('2026-09-01T00:00:00Z');
    const tokens = createDevTokenIssuer({ secret: SECRET, clock: { now: () => now } });
    const token = await tokens.issue({ role: 'citizen', sub: 'c-1' });
    await tokens.verify(token);
    const [h, , s] = token.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ sub: 'c-1', role: 'admin', iss: 'onething-local', aud: 'onething', exp: 2e9 }),
    ).toString('base64url');
    await expect(tokens.verify(`${h}.${forgedPayload}.${s}`)).rejects.toMatchObject({
      status: 401,
      message: 'The bearer token is invalid',
    });
    now = new Date('2026-09-01T12:00:00Z');
    await expect(tokens.verify(token)).rejects.toMatchObject({ status: 401, message: 'The bearer token is expired' });
    expect(jwtVerify).toHaveBeenCalledTimes(3);
  });

  test('another issuer (another secret) does not share what this one verified', async () => {
    const clock = { now: () => new Date('2026-09-01T00:00:00Z') };
    const tokens = createDevTokenIssuer({ secret: SECRET, clock });
    const token = await tokens.issue({ role: 'citizen', sub: 'c-1' });
    await tokens.verify(token);
    const other = createDevTokenIssuer({ secret: 'y'.repeat(40), clock });
    await expect(other.verify(token)).rejects.toMatchObject({ status: 401, message: 'The bearer token is invalid' });
  });
});
