import middy from '@middy/core';
import jsonata from 'jsonata';
test('toolchain', async () => {
  const h = middy(async (e: { a: number }) => e.a + 1);
  expect(await h({ a: 1 }, {} as never)).toBe(2);
  expect(await jsonata('1+1').evaluate({})).toBe(2);
});
