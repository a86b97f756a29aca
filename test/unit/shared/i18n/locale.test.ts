import { negotiateLocale, placeholdersOf, render } from '../../../../shared/i18n';

test.each([
  [undefined, 'en'],
  ['', 'en'],
  ['zh-CN', 'zh-CN'],
  ['zh', 'zh-CN'],
  ['zh-Hans-CN', 'zh-CN'],
  ['ZH-cn', 'zh-CN'],
  ['en-US', 'en'],
  ['en;q=0.5, zh-CN', 'zh-CN'],
  ['zh-CN;q=0.4, en;q=0.9', 'en'],
  ['fr, zh;q=0.8, en;q=0.7', 'zh-CN'],
  ['zh-CN,zh;q=0.9,en-US;q=0.8,en;q=0.7', 'zh-CN'],
  ['en, zh-CN', 'en'], // equal weights: the header's order
  ['fr, de', 'en'],
  ['*', 'en'],
  ['en;q=0, *', 'zh-CN'], // `*` is any language not refused
  ['zh-CN;q=0, en', 'en'],
  ['zh-CN;q=2, en', 'en'], // not a qvalue: the range is ignored
  ['zh-CN;q=abc', 'en'],
  ['zh_CN', 'en'], // not a language tag
  ['  zh-CN ; q=0.8 ', 'zh-CN'],
])('Accept-Language %j -> %s', (header, locale) => {
  expect(negotiateLocale(header)).toBe(locale);
});

test('templates fill named values and keep unknown placeholders visible', () => {
  expect(render('application {id} is {status}', { id: 'A1', status: 'approved' })).toBe('application A1 is approved');
  expect(render('剩余{n}个工作日', { n: 3 })).toBe('剩余3个工作日');
  expect(render('missing {value}', {})).toBe('missing {value}');
  expect(render('{a} and {a}', { a: 'x' })).toBe('x and x');
  expect(placeholdersOf('{b} {a} {b}')).toEqual(['a', 'b']);
});
