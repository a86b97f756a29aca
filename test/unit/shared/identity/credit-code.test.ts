import * as z from 'zod';
import { checkCreditCode, creditCode, creditCodeCheckChar, isCreditCode } from '../../../../shared/identity';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// The first is the example printed in most descriptions of GB 32100; the others are the synthetic registry's.
test.each(['91350100M000100Y43', '91410183MA9KXY801L', '91410100MA40RT5N2A'])('%s is valid', (code) => {
  expect(isCreditCode(code)).toBe(true);
  expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
});

test('a weighted sum divisible by 31 gives check character 0, not 31', () => {
  expect(creditCodeCheckChar('00000000000000000')).toBe('0');
  // 1 × weight 1 = 1 -> 31 - 1 = 30 -> 'Y'.
  expect(creditCodeCheckChar('10000000000000000')).toBe('Y');
});

test('every single-character substitution is detected', () => {
  const code = '91410183MA9KXY801L';
  for (let i = 0; i < 18; i++) {
    for (const c of CHARSET) {
      if (c === code[i]) continue;
      const typo = code.slice(0, i) + c + code.slice(i + 1);
      expect({ typo, valid: isCreditCode(typo) }).toEqual({ typo, valid: false });
    }
  }
});

test.each([
  ['91410183MA9KXY801', 'must be 18 characters, got 17', 'credit-code-length', { length: 17 }],
  ['91410183MA9KXY8O1L', 'character "O" is not allowed (I, O, S, V, Z are never used)', 'credit-code-character', { character: '"O"' }],
  ['91410183ma9kxy801l', 'character "m" is not allowed (I, O, S, V, Z are never used)', 'credit-code-character', { character: '"m"' }],
  ['91A10183MA9KXY801L', 'characters 3-8 must be the region digits', 'credit-code-region', undefined],
  ['91410183MA9KXY801M', 'check character does not match: please re-check every character', 'credit-code-check-character', undefined],
])('%s: %s (%s)', (value, reason, code, params) => {
  expect(checkCreditCode(value)).toEqual({ ok: false, reason, code, ...(params ? { params } : {}) });
});

test('creditCodeCheckChar refuses characters outside the charset', () => {
  expect(() => creditCodeCheckChar('9141018IMA9KXY801')).toThrow(RangeError);
});

test('creditCode() trims and upper-cases, and names the field on error', () => {
  const form = z.object({ applicant: z.object({ creditCode: creditCode() }) });
  expect(form.parse({ applicant: { creditCode: ' 91410183ma9kxy801l' } })).toEqual({ applicant: { creditCode: '91410183MA9KXY801L' } });
  const result = form.safeParse({ applicant: { creditCode: '91410183MA9KXY801M' } });
  expect(result.error?.issues).toEqual([
    expect.objectContaining({
      path: ['applicant', 'creditCode'],
      message: 'invalid unified social credit code: check character does not match: please re-check every character',
    }),
  ]);
});
