/**
 * Properties of the GB 11643 (resident ID) and GB 32100 (credit code) check characters: a
 * number built with its computed check character is valid; changing any one character, or
 * swapping two different adjacent ones, is caught (what MOD 11-2 and MOD 31 guarantee).
 */
import fc from 'fast-check';
import { checkCreditCode, checkResidentId, creditCodeCheckChar, residentIdCheckChar } from '../../../../shared/identity';

const RUNS = { seed: 11643, numRuns: 400 };
const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const PROVINCES = ['11', '31', '44', '51', '65', '81'];

/** The first 17 characters of a plausible ID number: province, region, a real birth date, sequence. */
const idBody = fc
  .record({
    province: fc.constantFrom(...PROVINCES),
    region: fc.integer({ min: 0, max: 9999 }),
    birth: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }),
    sequence: fc.integer({ min: 0, max: 999 }),
  })
  .map(
    ({ province, region, birth, sequence }) =>
      `${province}${String(region).padStart(4, '0')}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(sequence).padStart(3, '0')}`,
  );

const creditBody = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...CREDIT_CHARSET), minLength: 2, maxLength: 2 }),
    fc.integer({ min: 0, max: 999999 }),
    fc.string({ unit: fc.constantFrom(...CREDIT_CHARSET), minLength: 9, maxLength: 9 }),
  )
  .map(([head, region, org]) => `${head}${String(region).padStart(6, '0')}${org}`);

test('resident ID: the computed check character makes a valid number; any single substitution of it is refused', () => {
  fc.assert(
    fc.property(idBody, fc.constantFrom(...'0123456789X'), (body, other) => {
      const check = residentIdCheckChar(body);
      expect(checkResidentId(body + check).ok).toBe(true);
      if (other !== check)
        expect(checkResidentId(body + other)).toEqual({
          ok: false,
          reason: expect.stringContaining('check character'),
          code: 'id-number-check-character',
        });
    }),
    RUNS,
  );
});

test('resident ID: changing any one digit of the body changes the check character (MOD 11-2 catches every single error)', () => {
  fc.assert(
    fc.property(idBody, fc.nat({ max: 16 }), fc.integer({ min: 1, max: 9 }), (body, at, delta) => {
      const digit = (Number(body[at]) + delta) % 10;
      const changed = body.slice(0, at) + digit + body.slice(at + 1);
      expect(residentIdCheckChar(changed)).not.toBe(residentIdCheckChar(body));
    }),
    RUNS,
  );
});

test('resident ID: swapping two different adjacent digits changes the check character', () => {
  fc.assert(
    fc.property(idBody, fc.nat({ max: 15 }), (body, at) => {
      fc.pre(body[at] !== body[at + 1]);
      const swapped = body.slice(0, at) + body[at + 1] + body[at] + body.slice(at + 2);
      expect(residentIdCheckChar(swapped)).not.toBe(residentIdCheckChar(body));
    }),
    RUNS,
  );
});

test('credit code: the computed check character makes a valid code; any single substitution anywhere is caught', () => {
  fc.assert(
    fc.property(creditBody, fc.nat({ max: 17 }), fc.integer({ min: 1, max: 30 }), (body, at, shift) => {
      const code = body + creditCodeCheckChar(body);
      expect(checkCreditCode(code)).toEqual({ ok: true });
      const replaced = CREDIT_CHARSET[(CREDIT_CHARSET.indexOf(code[at]!) + shift) % 31];
      const changed = code.slice(0, at) + replaced + code.slice(at + 1);
      // Positions 3-8 must stay digits to reach the check; any other failure is a refusal too.
      expect(checkCreditCode(changed).ok).toBe(false);
    }),
    RUNS,
  );
});
