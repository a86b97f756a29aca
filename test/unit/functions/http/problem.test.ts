import { problemResponse, toProblem } from '../../../../functions/http/problem';
import { MethodNotAllowedError, NotReadyError } from '../../../../functions/http/errors';
import { ValidationError } from '../../../../shared/errors';

test('a thrown non-Error becomes a generic 500', () => {
  expect(toProblem('kaboom')).toEqual({
    type: 'https://onething.dev/problems/internal',
    code: 'internal',
    title: 'Internal error',
    status: 500,
    detail: expect.not.stringContaining('kaboom'),
  });
});

test('validation problems carry their field errors', () => {
  const problem = toProblem(new ValidationError([{ path: 'form.child.idNumber', message: 'bad check character' }]), 'r1');
  expect(problem).toMatchObject({
    status: 422,
    instance: 'urn:onething:request:r1',
    errors: [{ path: 'form.child.idNumber', message: 'bad check character' }],
  });
});

test('405 lists the allowed methods; readiness 503 is explained and retryable', () => {
  const notAllowed = problemResponse(new MethodNotAllowedError('DELETE is not allowed', ['GET', 'POST']));
  expect(notAllowed.headers.allow).toBe('GET, POST');
  const notReady = problemResponse(new NotReadyError('still starting'));
  expect(notReady.statusCode).toBe(503);
  expect(notReady.headers['retry-after']).toBe('1');
  expect(JSON.parse(notReady.body ?? '{}').detail).toBe('still starting');
});
