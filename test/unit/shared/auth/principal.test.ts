import { principalFromClaims } from '../../../../shared/auth/principal';
import { UnauthorizedError } from '../../../../shared/errors';

test('reads sub, role and dept', () => {
  expect(principalFromClaims({ sub: 'u1', role: 'officer', dept: 'education' })).toEqual({ sub: 'u1', role: 'officer', dept: 'education' });
  expect(principalFromClaims({ sub: 'u2', role: 'citizen' })).toEqual({ sub: 'u2', role: 'citizen' });
});

test('falls back to the first Cognito group and custom:dept', () => {
  expect(principalFromClaims({ sub: 'u1', 'cognito:groups': ['officer', 'admin'], 'custom:dept': 'hrss' })).toEqual({
    sub: 'u1',
    role: 'officer',
    dept: 'hrss',
  });
  // API Gateway HTTP APIs flatten the array into "[a b]".
  expect(principalFromClaims({ sub: 'u1', 'cognito:groups': '[inspector official]' })).toEqual({ sub: 'u1', role: 'inspector' });
});

test.each([
  [undefined, 'no verified token claims'],
  [{ role: 'citizen' }, 'sub'],
  [{ sub: 'u1' }, 'role'],
  [{ sub: 'u1', role: 'superuser' }, 'role'],
  [{ sub: 'u1', role: 'officer' }, 'dept'],
  [{ sub: 'u1', role: 'officer', dept: 'Education Bureau' }, 'dept'],
])('rejects %j with a 401 naming %s', (claims, field) => {
  const error = (() => {
    try {
      principalFromClaims(claims);
    } catch (e) {
      return e;
    }
  })();
  expect(error).toBeInstanceOf(UnauthorizedError);
  expect((error as Error).message).toContain(field);
});

test('a sub that is not well-formed Unicode (it is stored and logged) is a 401', () => {
  expect(() => principalFromClaims({ sub: 'x\ud800', role: 'citizen' })).toThrow(UnauthorizedError);
  expect(principalFromClaims({ sub: 'x\ud83d\ude00', role: 'citizen' })).toEqual({ sub: 'x\ud83d\ude00', role: 'citizen' });
});
