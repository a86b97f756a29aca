import { createVerifiedTokens } from '../../../local/dev/verified-tokens';

const at = (iso: string) => new Date(iso);
const EXP = Date.parse('2026-09-01T12:00:00Z') / 1000;
const claims = () => ({ sub: 'c-1', role: 'citizen', aud: ['onething'], exp: EXP });

test('a remembered token gives back a copy of its claims; any other token is a miss', () => {
  const verified = createVerifiedTokens();
  verified.remember('a.b.c', claims());
  const hit = verified.get('a.b.c', at('2026-09-01T00:00:00Z'));
  expect(hit).toEqual(claims());
  expect(verified.get('a.b.d', at('2026-09-01T00:00:00Z'))).toBeUndefined();
  expect(verified.get('a.b.c ', at('2026-09-01T00:00:00Z'))).toBeUndefined();
});

test('the stored claims cannot be altered through what a hit or remember received', () => {
  const verified = createVerifiedTokens();
  const given = claims();
  verified.remember('t', given);
  given.role = 'admin';
  const hit = verified.get('t', at('2026-09-01T00:00:00Z'))!;
  hit.role = 'admin';
  expect(() => (hit.aud as string[]).push('other')).toThrow(/not extensible/);
  expect(verified.get('t', at('2026-09-01T00:00:00Z'))).toEqual(claims());
});

test('exp is checked again on every hit, as jose does (expired at exp itself), and drops the entry', () => {
  const verified = createVerifiedTokens();
  verified.remember('t', claims());
  expect(verified.get('t', at('2026-09-01T11:59:59.999Z'))).toBeDefined();
  expect(verified.get('t', at('2026-09-01T12:00:00Z'))).toBeUndefined();
  expect(verified.size).toBe(0);
  // The clock going back does not bring it back: it must be verified again.
  expect(verified.get('t', at('2026-09-01T00:00:00Z'))).toBeUndefined();
});

test('nbf is checked again on every hit; a non-numeric exp or nbf is never a hit', () => {
  const verified = createVerifiedTokens();
  verified.remember('t', { ...claims(), nbf: EXP - 3600 });
  expect(verified.get('t', at('2026-09-01T10:59:59Z'))).toBeUndefined();
  verified.remember('t', { ...claims(), nbf: EXP - 3600 });
  expect(verified.get('t', at('2026-09-01T11:00:00Z'))).toBeDefined();
  verified.remember('u', { ...claims(), exp: String(EXP) });
  verified.remember('v', { ...claims(), nbf: '0' });
  expect(verified.get('u', at('2026-09-01T00:00:00Z'))).toBeUndefined();
  expect(verified.get('v', at('2026-09-01T00:00:00Z'))).toBeUndefined();
});

test('the size is bounded: past maxEntries the oldest token goes', () => {
  const verified = createVerifiedTokens(2);
  const now = at('2026-09-01T00:00:00Z');
  verified.remember('one', claims());
  verified.remember('two', claims());
  verified.remember('three', claims());
  expect(verified.size).toBe(2);
  expect(verified.get('one', now)).toBeUndefined();
  expect(verified.get('two', now)).toBeDefined();
  expect(verified.get('three', now)).toBeDefined();
  expect(() => createVerifiedTokens(0)).toThrow(RangeError);
});
