/** The JWT authorizer step: API Gateway rejects a bad token before any handler runs. */
import { UnauthorizedError } from '../../shared/errors';
import { authProblem } from '../../shared/i18n';

/** The verified claims of `Authorization: Bearer <token>`; 401 when the header is missing or the token is invalid. */
export async function authenticate(
  authorization: string | undefined,
  verify: (token: string) => Promise<Record<string, unknown>>,
): Promise<Record<string, unknown>> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) throw new UnauthorizedError(authProblem('token-missing'));
  try {
    return await verify(token);
  } catch (error) {
    throw new UnauthorizedError(authProblem('token-invalid'), { cause: error });
  }
}
