/**
 * Cursors: a round trip gives back the start key (partition from the request, never from the
 * cursor); any edit, another list, caller or filter, or a forged payload is a 422 on `cursor`.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { createCursorCodec, type CursorList } from '../../../../shared/applications/cursor';
import { ValidationError } from '../../../../shared/errors';

const SECRET = 's'.repeat(64);
const cursors = createCursorCodec(SECRET);
const RUNS = { seed: 3, numRuns: 300 };

const keyValue = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 });
const list = (bindings: Record<string, string> = { caller: 'u1', status: 'open' }): CursorList => ({
  name: 'inbox',
  bindings,
  partition: { gsi3pk: 'DEPT#education#open' },
  carried: ['pk', 'sk', 'gsi3sk'],
});

const refused = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((e) => e.path)).toEqual(['cursor']);
    return;
  }
  throw new Error('the cursor was accepted');
};

test("round trip: the carried attributes come back, the partition is the request's", () => {
  fc.assert(
    fc.property(keyValue, keyValue, keyValue, (pk, sk, gsi3sk) => {
      const cursor = cursors.encode({ pk, sk, gsi3sk, gsi3pk: 'ignored: from the item' }, list())!;
      expect(cursor.length).toBeLessThanOrEqual(1024);
      expect(cursors.decode(cursor, list())).toEqual({ pk, sk, gsi3sk, gsi3pk: 'DEPT#education#open' });
    }),
    RUNS,
  );
  expect(cursors.encode(undefined, list())).toBeUndefined();
  expect(cursors.decode(undefined, list())).toBeUndefined();
});

test('any single-character edit of a cursor is refused', () => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ';
  fc.assert(
    fc.property(keyValue, fc.nat(), fc.constantFrom(...alphabet), (sk, at, replacement) => {
      const cursor = cursors.encode({ pk: 'APP#A1', sk, gsi3sk: '2026-10-01#T1' }, list())!;
      const i = at % cursor.length;
      fc.pre(cursor[i] !== replacement);
      refused(() => cursors.decode(cursor.slice(0, i) + replacement + cursor.slice(i + 1), list()));
    }),
    RUNS,
  );
});

test("every other character in the mac's last place is refused (its spare bits are not ignored)", () => {
  const cursor = cursors.encode({ pk: 'APP#A1', sk: 'TASK#education', gsi3sk: '2026-10-01#T1' }, list())!;
  const base64url = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  for (const c of base64url.replace(cursor.at(-1)!, '')) refused(() => cursors.decode(cursor.slice(0, -1) + c, list()));
});

test('a cursor only works for its list, caller and filters', () => {
  const cursor = cursors.encode({ pk: 'APP#A1', sk: 'TASK#education', gsi3sk: '2026-10-01#T1' }, list())!;
  refused(() => cursors.decode(cursor, list({ caller: 'u2', status: 'open' })));
  refused(() => cursors.decode(cursor, list({ caller: 'u1', status: 'done' })));
  refused(() => cursors.decode(cursor, { ...list(), name: 'applications' }));
  refused(() => createCursorCodec('t'.repeat(64)).decode(cursor, list()));
});

test('a payload signed with the right key but of the wrong shape is still refused (no DynamoDB error)', () => {
  const sign = (key: unknown) => {
    const payload = Buffer.from(JSON.stringify(key)).toString('base64url');
    const mac = createHmac('sha256', SECRET)
      .update(
        JSON.stringify([
          'inbox',
          [
            ['caller', 'u1'],
            ['status', 'open'],
          ],
          payload,
        ]),
      )
      .digest('base64url');
    return `${payload}.${mac}`;
  };
  expect(cursors.decode(sign({ pk: 'p', sk: 's', gsi3sk: 'g' }), list())).toEqual({
    pk: 'p',
    sk: 's',
    gsi3sk: 'g',
    gsi3pk: 'DEPT#education#open',
  });
  for (const bad of [
    { pk: 'p', sk: 's' },
    { pk: 'p', sk: 's', gsi3sk: 'g', more: 'x' },
    { pk: '', sk: 's', gsi3sk: 'g' },
    { pk: 1, sk: 's', gsi3sk: 'g' },
    [],
    null,
    'x',
  ]) {
    refused(() => cursors.decode(sign(bad), list()));
  }
});

test.each(['', '.', 'abc', 'e30', '%%%', `${'A'.repeat(10)}.${'B'.repeat(42)}`, `x.${'B'.repeat(44)}`])(
  'garbage %j is refused',
  (garbage) => {
    refused(() => cursors.decode(garbage, list()));
  },
);
