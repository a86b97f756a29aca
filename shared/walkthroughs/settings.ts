import * as z from 'zod';
import { ConfigError } from '../config';
import type { WalkthroughSettings } from './walkthroughs';

/** Environment variable: working days a finding may stay unrectified before it shows as overdue. */
export const FINDING_RECTIFY_DAYS_ENV = 'ONETHING_FINDING_RECTIFY_WORKING_DAYS';
export const DEFAULT_RECTIFY_WORKING_DAYS = 10;

/**
 * Reads the walk-through settings once (at cold start / runtime start), failing loudly with
 * the variable's name.
 *
 * @example loadWalkthroughSettings({ ONETHING_FINDING_RECTIFY_WORKING_DAYS: '5' }) // { rectifyWorkingDays: 5 }
 */
export function loadWalkthroughSettings(env: NodeJS.ProcessEnv = process.env): WalkthroughSettings {
  const parsed = z.coerce.number().int().min(1).max(365).default(DEFAULT_RECTIFY_WORKING_DAYS).safeParse(env[FINDING_RECTIFY_DAYS_ENV]);
  if (!parsed.success) throw new ConfigError(FINDING_RECTIFY_DAYS_ENV, parsed.error.issues[0]?.message ?? 'invalid');
  return { rectifyWorkingDays: parsed.data };
}
