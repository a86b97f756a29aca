/**
 * issue 9: the claims of dev tokens that already passed a full verification, so that the same
 * token sent again (a client sends one token with every request) skips the HMAC and the JWS
 * parsing. Local mode only: on AWS, API Gateway's JWT authorizer verifies tokens.
 *
 * Why this is safe (docs/DESIGN.md "Dev tokens"):
 * - the key is the whole token string: any other byte (header, claims, signature) is a miss and
 *   gets the full verification; only tokens that passed it are ever stored;
 * - a cache belongs to one issuer, hence to one secret, issuer, audience and algorithm;
 * - the claims that depend on time (`exp`, `nbf`) are checked again on every hit against the
 *   issuer's clock, as jose checks them (no tolerance); a token that fails them is dropped and
 *   goes through jose again, which gives the usual error;
 * - the stored claims are frozen and each hit returns a copy: a caller cannot alter them;
 * - the size is bounded: past `maxEntries` the oldest entry goes.
 */

export type Claims = Record<string, unknown>;

export interface VerifiedTokens {
  /** A copy of the claims of `token` if it was verified before and is still within `exp`/`nbf` at `now`. */
  get(token: string, now: Date): Claims | undefined;
  /** Stores the claims of a token that has just passed the full verification. */
  remember(token: string, claims: Claims): void;
  readonly size: number;
}

/** The number of tokens kept by default: far more than the clients of a local runtime use. */
export const DEFAULT_MAX_VERIFIED_TOKENS = 1000;

export function createVerifiedTokens(maxEntries = DEFAULT_MAX_VERIFIED_TOKENS): VerifiedTokens {
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('createVerifiedTokens: maxEntries must be a positive integer');
  const entries = new Map<string, Readonly<Claims>>();
  return {
    get(token, now) {
      const claims = entries.get(token);
      if (claims === undefined) return undefined;
      if (!withinTime(claims, now)) {
        entries.delete(token);
        return undefined;
      }
      return { ...claims };
    },
    remember(token, claims) {
      entries.delete(token);
      entries.set(token, deepFreeze(structuredClone(claims)));
      // A Map iterates in insertion order: the first key is the oldest.
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
    get size() {
      return entries.size;
    },
  };
}

/** jose's time checks without tolerance: expired when `exp <= now`, not yet valid when `nbf > now` (seconds). */
function withinTime(claims: Readonly<Claims>, now: Date): boolean {
  const seconds = Math.floor(now.getTime() / 1000);
  if (claims.exp !== undefined && !(typeof claims.exp === 'number' && claims.exp > seconds)) return false;
  if (claims.nbf !== undefined && !(typeof claims.nbf === 'number' && claims.nbf <= seconds)) return false;
  return true;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
