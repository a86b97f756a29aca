import * as z from 'zod';
import { checkResidentId, isResidentIdNumber, residentIdCheckChar, residentIdNumber } from '../../../../shared/identity';
import type { Clock } from '../../../../shared/clock';

// Published examples: the standard's own sample and the common 'X' example.
const VALID = ['440524188001010014', '11010519491231002X', '410102198503150010'];

test.each(VALID)('%s is valid', (id) => {
  expect(isResidentIdNumber(id)).toBe(true);
  expect(residentIdCheckChar(id.slice(0, 17))).toBe(id[17]);
});

test('decodes region, birth date and sex', () => {
  expect(checkResidentId('11010519491231002X')).toEqual({ ok: true, info: { regionCode: '110105', birthDate: '1949-12-31', sex: 'F' } });
  expect(checkResidentId('440524188001010014')).toEqual({ ok: true, info: { regionCode: '440524', birthDate: '1880-01-01', sex: 'M' } });
  expect(checkResidentId('410102198503150010')).toMatchObject({ ok: true, info: { sex: 'M' } });
});

test('every single-character substitution is detected', () => {
  const id = '410102198503150010';
  for (let i = 0; i < 18; i++) {
    for (const c of '0123456789X') {
      if (c === id[i] || (c === 'X' && i < 17)) continue;
      const typo = id.slice(0, i) + c + id.slice(i + 1);
      expect({ typo, valid: isResidentIdNumber(typo) }).toEqual({ typo, valid: false });
    }
  }
});

test('every adjacent transposition is detected', () => {
  const id = '410102198503150010';
  for (let i = 0; i < 16; i++) {
    if (id[i] === id[i + 1]) continue;
    const swapped = id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
    expect({ swapped, valid: isResidentIdNumber(swapped) }).toEqual({ swapped, valid: false });
  }
});

test.each([
  ['41010219850315001', 'must be 18 characters, got 17', 'id-number-length', { length: 17 }],
  ['41010219850315001x', 'must be 17 digits followed by a digit or X', 'id-number-format', undefined],
  ['4101021985031500A0', 'must be 17 digits followed by a digit or X', 'id-number-format', undefined],
  ['001021198503150010', 'region code 001021 names no province', 'id-number-region', { region: '001021' }],
  ['410102198502300010', 'birth date 1985-02-30 is not a valid date', 'id-number-birth-date', { birthDate: '1985-02-30' }],
  ['410102198513010010', 'birth date 1985-13-01 is not a valid date', 'id-number-birth-date', { birthDate: '1985-13-01' }],
  ['410102198503150011', 'check character does not match: please re-check every digit', 'id-number-check-character', undefined],
])('%s: %s (%s)', (id, reason, code, params) => {
  expect(checkResidentId(id)).toEqual({ ok: false, reason, code, ...(params ? { params } : {}) });
});

/** A number with a correct check character, so that only the part under test is wrong. */
const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);

test('birth dates before 1800 are refused (the standard example is from 1880)', () => {
  expect(checkResidentId(withCheck('41010217991231001'))).toEqual({
    ok: false,
    reason: 'birth date 1799-12-31 is not a valid date',
    code: 'id-number-birth-date',
    params: { birthDate: '1799-12-31' },
  });
});

test('a birth date after `today` is refused only when today is given', () => {
  const future = withCheck('41010220990101000');
  expect(checkResidentId(future).ok).toBe(true);
  expect(checkResidentId(future, '2026-11-28')).toEqual({
    ok: false,
    reason: 'birth date 2099-01-01 is in the future',
    code: 'id-number-birth-date-future',
    params: { birthDate: '2099-01-01' },
  });
});

test('residentIdCheckChar refuses anything but 17 digits', () => {
  expect(() => residentIdCheckChar('1234')).toThrow(RangeError);
});

describe('residentIdNumber() zod schema', () => {
  const form = z.object({ child: z.object({ idNumber: residentIdNumber() }) });

  test('trims and upper-cases: the parsed value is canonical', () => {
    expect(form.parse({ child: { idNumber: ' 11010519491231002x ' } })).toEqual({ child: { idNumber: '11010519491231002X' } });
  });

  test('names the field and the problem', () => {
    const result = form.safeParse({ child: { idNumber: '410102198503150011' } });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['child', 'idNumber'],
        message: 'invalid resident ID number: check character does not match: please re-check every digit',
        params: { code: 'id-number-check-character' },
      }),
    ]);
  });

  test('with a clock, birth dates after the CST date of now are refused', () => {
    // 2026-01-04T20:00Z is already 2026-01-05 in CST: a child born that day is valid.
    const clock: Clock = { now: () => new Date('2026-01-04T20:00:00Z') };
    const schema = residentIdNumber({ clock });
    expect(schema.safeParse(withCheck('41010220260105001')).success).toBe(true);
    expect(schema.safeParse(withCheck('41010220260106001')).error?.issues[0]!.message).toBe(
      'invalid resident ID number: birth date 2026-01-06 is in the future',
    );
  });

  test('rejects non-strings', () => {
    // eslint-disable-next-line no-loss-of-precision -- an ID number sent as a JSON number loses digits: exactly the case tested
    expect(residentIdNumber().safeParse(410102198503150010).success).toBe(false);
  });
});
