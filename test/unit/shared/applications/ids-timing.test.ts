import { APP_ID, applicationId, parseTaskId, taskId, uploadId } from '../../../../shared/applications/ids';
import { nextCheckpointAt } from '../../../../shared/applications/timing';
import { mergeForm } from '../../../../shared/applications/supplement';
import { pickFields } from '../../../../shared/applications/views';

describe('ids', () => {
  test('new application ids are time-ordered and random', () => {
    const a = applicationId(new Date('2026-09-30T02:00:00Z'));
    const b = applicationId(new Date('2026-09-30T02:00:01Z'));
    expect(a).toMatch(APP_ID);
    expect(a < b).toBe(true);
    expect(applicationId(new Date('2026-09-30T02:00:00Z'))).not.toBe(a);
  });

  test('with an Idempotency-Key the id depends only on (sub, key)', () => {
    const id = applicationId(new Date(0), 'u1', 'k1');
    expect(id).toMatch(APP_ID);
    expect(applicationId(new Date(), 'u1', 'k1')).toBe(id);
    expect(applicationId(new Date(0), 'u2', 'k1')).not.toBe(id);
  });

  test('task ids round-trip and reject anything else', () => {
    const id = taskId('A01J00000000000000000000000', 'public-security');
    expect(parseTaskId(id)).toEqual({ applicationId: 'A01J00000000000000000000000', department: 'public-security' });
    expect(parseTaskId('T' + Buffer.from('A01J00000000000000000000000:Bad Dept').toString('base64url'))).toBeUndefined();
    expect(parseTaskId('T' + Buffer.from('x:education').toString('base64url'))).toBeUndefined();
    expect(parseTaskId('nonsense')).toBeUndefined();
  });

  test('upload ids carry 128 random bits', () => {
    expect(uploadId()).toMatch(/^U[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(uploadId()).not.toBe(uploadId());
  });
});

describe('nextCheckpointAt', () => {
  const dates = { warnAt: '2026-10-16T16:00:00.000Z', dueAt: '2026-10-20T16:00:00.000Z' };
  test.each([
    ['2026-10-01T00:00:00.000Z', dates.warnAt],
    [dates.warnAt, dates.dueAt],
    [dates.dueAt, '2026-10-21T16:00:00.000Z'],
    ['2026-10-22T15:59:59.000Z', '2026-10-22T16:00:00.000Z'],
  ])('at %s -> %s (warn, due, then every 24 h)', (now, next) => {
    expect(nextCheckpointAt(dates, new Date(now), 24)).toBe(next);
  });

  test.each([
    // Escalations every 4 h, at most 3: at due, due + 4 h, due + 8 h; then daily from due + 8 h.
    ['2026-10-20T19:00:00.000Z', '2026-10-20T20:00:00.000Z'],
    ['2026-10-20T20:00:00.000Z', '2026-10-21T00:00:00.000Z'],
    ['2026-10-21T00:00:00.000Z', '2026-10-22T00:00:00.000Z'],
    ['2026-11-30T01:00:00.000Z', '2026-12-01T00:00:00.000Z'],
  ])('past the escalation cap it re-arms at most daily: at %s -> %s', (now, next) => {
    expect(nextCheckpointAt(dates, new Date(now), 4, 3)).toBe(next);
  });
});

test('mergeForm merges nested objects and replaces arrays and values', () => {
  expect(mergeForm({ a: { b: 1, c: 2 }, l: [1, 2], x: 1 }, { a: { c: 3 }, l: [9], y: 2 })).toEqual({
    a: { b: 1, c: 3 },
    l: [9],
    x: 1,
    y: 2,
  });
});

test('pickFields keeps only the listed dotted paths, nested', () => {
  expect(
    pickFields({ child: { name: 'n', idNumber: 'i' }, nonLocal: false, other: 1 }, ['child.name', 'nonLocal', 'missing.path']),
  ).toEqual({ child: { name: 'n' }, nonLocal: false });
});
