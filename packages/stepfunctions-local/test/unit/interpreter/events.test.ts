/** JSON text of values in history events. */
import { json } from '../../../src/interpreter/events';

test('json gives JSON.stringify of every value shape, undefined as null, the same text again for the same object', () => {
  const shared = { a: [1, { b: 'x' }], c: null };
  for (const value of [null, 0, 'x', true, [], [1, 'a'], {}, shared, { nested: shared }])
    expect({ value, text: json(value) }).toEqual({ value, text: JSON.stringify(value) });
  expect(json(undefined)).toBe('null');
  expect(json(shared)).toBe(JSON.stringify(shared));
  // Equal contents, another object: its own text.
  expect(json({ a: 2 })).toBe('{"a":2}');
  expect(json({ a: 3 })).toBe('{"a":3}');
});
