/**
 * Dev tokens (local mode only): HS256 JWTs with the claims API Gateway's authorizer would
 * pass on AWS (`sub`, `role`, `dept`), so the handlers cannot tell the two apart.
 */
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import * as z from 'zod';
import { ROLES } from '../../shared/auth/principal';
import { systemClock, type Clock } from '../../shared/clock';
import { UnauthorizedError } from '../../shared/errors';
import { DEPARTMENT_ID_PATTERN } from '../../shared/names';
import { createVerifiedTokens } from './verified-tokens';

export const DEV_ISSUER = 'onething-local';
export const DEV_AUDIENCE = 'onething';
const LIFETIME_SECONDS = 12 * 3600;

/** Body of `POST /v1/dev/tokens`; an officer must name a department. */
export const DevTokenRequest = z
  .strictObject({
    role: z.enum(ROLES),
    sub: z.string().min(1).max(128),
    dept: z.string().regex(DEPARTMENT_ID_PATTERN, 'must be a department id such as education').optional(),
  })
  .superRefine((r, ctx) => {
    if (r.role === 'officer' && r.dept === undefined)
      ctx.addIssue({ code: 'custom', path: ['dept'], message: 'an officer token needs dept' });
  });
export type DevTokenRequest = z.infer<typeof DevTokenRequest>;

export interface DevTokenIssuer {
  /** A signed token valid for 12 hours. */
  issue(req: DevTokenRequest): Promise<string>;
  /** The verified claims; `UnauthorizedError` for a bad signature, issuer, audience or expiry. */
  verify(token: string): Promise<Record<string, unknown>>;
}

/**
 * Signs and verifies dev tokens with a shared secret. Expiry follows `clock`, which defaults
 * to real time: advancing the dev clock by days must not log every client out. A token that
 * passed the full verification once is recognised again by its exact text, its expiry checked
 * anew each time (./verified-tokens.ts, issue 9).
 *
 * @example
 * const tokens = createDevTokenIssuer({ secret: 'at least 32 characters of random secret' });
 * const jwt = await tokens.issue({ role: 'officer', sub: 'o-1', dept: 'education' });
 */
export function createDevTokenIssuer(opts: { secret: string; clock?: Clock }): DevTokenIssuer {
  if (opts.secret.length < 32) throw new RangeError('createDevTokenIssuer: secret must have at least 32 characters');
  const key = new TextEncoder().encode(opts.secret);
  const clock = opts.clock ?? systemClock;
  const verified = createVerifiedTokens();
  return {
    async issue(req) {
      const { role, sub, dept } = DevTokenRequest.parse(req);
      const iat = Math.floor(clock.now().getTime() / 1000);
      return new SignJWT(dept === undefined ? { role } : { role, dept })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(sub)
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setIssuedAt(iat)
        .setExpirationTime(iat + LIFETIME_SECONDS)
        .sign(key);
    },
    async verify(token) {
      const now = clock.now();
      const known = verified.get(token, now);
      if (known) return known;
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: DEV_ISSUER,
          audience: DEV_AUDIENCE,
          algorithms: ['HS256'],
          currentDate: now,
        });
        verified.remember(token, payload);
        return payload;
      } catch (error) {
        const reason = error instanceof joseErrors.JWTExpired ? 'expired' : 'invalid';
        throw new UnauthorizedError(`The bearer token is ${reason}`, { cause: error });
      }
    },
  };
}
