/**
 * Who is calling. API Gateway's JWT authorizer has already verified the token (signature,
 * issuer, audience, expiry); the edge only reads the claims and checks the role.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { principalFromClaims, type Principal, type Role } from '../../shared/auth/principal';
import { ForbiddenError, UnauthorizedError } from '../../shared/errors';
import { authProblem } from '../../shared/i18n';

/** The principal from the authorizer's claims; 401 when the route had no authorizer context. */
export function principalOf(event: APIGatewayProxyEventV2WithJWTAuthorizer): Principal {
  // Typed as always present, but absent when a route is misconfigured without an authorizer.
  const claims = (event.requestContext.authorizer as APIGatewayProxyEventV2WithJWTAuthorizer['requestContext']['authorizer'] | undefined)
    ?.jwt?.claims;
  if (!claims) throw new UnauthorizedError(authProblem('token-claims-missing'));
  return principalFromClaims(claims);
}

/** 403 unless the principal's role is one of `roles`. */
export function requireRole(principal: Principal, roles: readonly Role[]): void {
  if (!roles.includes(principal.role)) {
    throw new ForbiddenError(authProblem('role-not-allowed', { role: principal.role }));
  }
}
