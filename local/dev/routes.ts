/**
 * Routes that exist only in the local runtime (never in functions/routes.ts, so CDK never
 * deploys them): dev tokens and the dev clock.
 */
import * as z from 'zod';
import type { DevClock } from './clock';
import { parseOrThrow } from '../../functions/http/validation';
import { DevTokenRequest, type DevTokenIssuer } from './tokens';

export interface DevRouteDeps {
  tokens: DevTokenIssuer;
  clock: DevClock;
}

export interface DevRoute {
  method: 'GET' | 'POST';
  path: string;
  /** Whether the route reads a JSON body. */
  body: boolean;
  handle(body: unknown): Promise<{ status: number; body: unknown }>;
}

// Ten years is far beyond any statutory limit; a bigger jump is a typo, not a test.
const MAX_ADVANCE_SECONDS = 10 * 366 * 86400;
const ClockAdvance = z.strictObject({ advanceSeconds: z.number().finite().min(0).max(MAX_ADVANCE_SECONDS) });

/**
 * The dev routes over the runtime's token issuer and dev clock.
 *
 * @example devRoutes({ tokens, clock }).find((r) => r.path === '/v1/dev/clock' && r.method === 'GET')
 */
export function devRoutes(deps: DevRouteDeps): DevRoute[] {
  return [
    {
      method: 'POST',
      path: '/v1/dev/tokens',
      body: true,
      handle: async (body) => ({ status: 200, body: { token: await deps.tokens.issue(parseOrThrow(DevTokenRequest, body, 'body')) } }),
    },
    {
      method: 'GET',
      path: '/v1/dev/clock',
      body: false,
      handle: async () => ({ status: 200, body: { now: deps.clock.now().toISOString() } }),
    },
    {
      method: 'POST',
      path: '/v1/dev/clock',
      body: true,
      handle: async (body) => {
        const { advanceSeconds } = parseOrThrow(ClockAdvance, body, 'body');
        // advance() resolves once the engine's timers due by the new time have been handled.
        const now = await deps.clock.advance(advanceSeconds);
        return { status: 200, body: { now: now.toISOString() } };
      },
    },
  ];
}
