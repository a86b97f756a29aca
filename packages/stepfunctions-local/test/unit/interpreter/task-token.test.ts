/** Task tokens: 256 random bits as 43 base64url characters, never repeated. */
import { newTaskToken } from '../../../src/interpreter/states/task';

test('tokens are 43 base64url characters and distinct, across refills of the random pool', () => {
  // 1,000 tokens use the 4 KiB pool (128 tokens) eight times over.
  const tokens = Array.from({ length: 1000 }, () => newTaskToken());
  for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(new Set(tokens).size).toBe(tokens.length);
  // Every byte is used once: no token shares its first 16 characters (96 bits) with another.
  expect(new Set(tokens.map((t) => t.slice(0, 16))).size).toBe(tokens.length);
});
