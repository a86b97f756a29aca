import * as z from 'zod';
import { UnauthorizedError } from '../errors';
import { authProblem } from '../i18n';
import { isWellFormedText } from '../unicode';
import { DEPARTMENT_ID_PATTERN } from '../names';

export const ROLES = ['citizen', 'proxy', 'officer', 'inspector', 'official', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: the verified JWT's subject, role and (officers) department. */
export interface Principal {
  sub: string;
  role: Role;
  dept?: string;
}

const Claims = z.object({
  // `sub` is stored (owner keys) and logged (actor.sub): it must be well-formed text.
  sub: z.string().min(1).max(128).refine(isWellFormedText),
  role: z.enum(ROLES),
  dept: z.string().regex(DEPARTMENT_ID_PATTERN).optional(),
});

/**
 * Reads the principal from verified JWT claims: `role` (or the first of `cognito:groups`),
 * `sub`, `dept` (or `custom:dept`). An officer without a department is not a valid principal.
 *
 * @example
 * principalFromClaims({ sub: 'u1', role: 'officer', dept: 'education' })
 */
export function principalFromClaims(claims: Record<string, unknown> | undefined): Principal {
  if (!claims) throw new UnauthorizedError(authProblem('token-claims-missing'));
  const parsed = Claims.safeParse({
    sub: claims.sub,
    role: claims.role ?? firstGroup(claims['cognito:groups']),
    dept: claims.dept ?? claims['custom:dept'],
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UnauthorizedError(authProblem('token-claim-invalid', { claim: String(issue?.path[0]) }));
  }
  const { sub, role, dept } = parsed.data;
  if (role === 'officer' && !dept) throw new UnauthorizedError(authProblem('token-department-missing'));
  return dept === undefined ? { sub, role } : { sub, role, dept };
}

// API Gateway passes `cognito:groups` as an array, or as a "[a b]" string in HTTP API v2 claims.
function firstGroup(groups: unknown): unknown {
  if (Array.isArray(groups)) return groups[0];
  if (typeof groups === 'string')
    return groups
      .replace(/^\[|\]$/g, '')
      .split(/[\s,]+/)
      .find(Boolean);
  return undefined;
}
