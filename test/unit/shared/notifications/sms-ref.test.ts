import { smsKey, smsRef } from '../../../../shared/notifications/records';

const id = 'N20261102T020000000Z0abcdef0123456789abc';

test('an SMS riding on an in-app message is queued by that message key, and found again by it', () => {
  const ref = smsRef({ pk: 'INBOX#parent-1', sk: id, id });
  expect(smsKey(ref)).toEqual({ pk: 'INBOX#parent-1', sk: id });
});

test('an older SMS item of its own is queued by its bare id, as before, and found at SMS#<id>', () => {
  expect(smsRef({ pk: `SMS#${id}`, sk: 'SMS', id })).toBe(id);
  expect(smsKey(id)).toEqual({ pk: `SMS#${id}`, sk: 'SMS' });
});

test('a reference naming anything but an in-app message is refused (the queue retries it, then its DLQ)', () => {
  expect(() => smsKey(JSON.stringify({ pk: 'APP#A1', sk: 'APP' }))).toThrow('names no in-app message');
  expect(() => smsKey(JSON.stringify({ pk: 'INBOX#x' }))).toThrow('names no in-app message');
  expect(() => smsKey('{not json')).toThrow();
});
