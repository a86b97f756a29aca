/**
 * Site settings: the `ONETHING_*` configuration a deploying city sets once for the whole
 * platform (DESIGN.md "Configuration"), checked at synth so a bad value fails `cdk synth`
 * naming the setting instead of failing every function at cold start.
 */
import { definitions, createCatalog } from '../workflows/catalog';
import { InvalidDefinitionError } from '../workflows/errors';
import { parsePromisedLimits, PROMISED_LIMITS_ENV } from '../workflows/promised-limits';
import { FINDING_RECTIFY_DAYS_ENV, loadWalkthroughSettings } from '../shared/walkthroughs/settings';
import { ConfigError } from '../shared/config';
import { ANOMALY_THRESHOLDS_ENV, parseThresholds, ThresholdsError } from '../shared/audit/thresholds';
import { DeployConfigError } from './errors';

export interface SiteSettings {
  /** ONETHING_PROMISED_LIMITS: the site's shorter promised limits, JSON `{"<serviceId>": {"<departmentId>": days}}`. */
  readonly promisedLimits?: string;
  /** ONETHING_FINDING_RECTIFY_WORKING_DAYS: working days before a walk-through finding shows as overdue. */
  readonly findingRectifyWorkingDays?: number;
  /** ONETHING_ANOMALY_THRESHOLDS: JSON, a partial override of the anomaly thresholds' defaults. */
  readonly anomalyThresholds?: string;
}

/**
 * Validates the settings with the same code the functions run at cold start, and returns
 * the environment every function gets (only the settings that are set).
 *
 * @example siteEnvironment({ promisedLimits: '{"newborn":{"health":2}}' }) // { ONETHING_PROMISED_LIMITS: '{"newborn":{"health":2}}' }
 */
export function siteEnvironment(settings: SiteSettings): Record<string, string> {
  const env: Record<string, string> = {};
  if (settings.promisedLimits !== undefined) {
    try {
      createCatalog(definitions, { promisedLimits: parsePromisedLimits(settings.promisedLimits) });
    } catch (error) {
      if (error instanceof InvalidDefinitionError) throw new DeployConfigError('promisedLimits', error.problems.join('; '));
      throw error;
    }
    env[PROMISED_LIMITS_ENV] = settings.promisedLimits;
  }
  if (settings.findingRectifyWorkingDays !== undefined) {
    const value = String(settings.findingRectifyWorkingDays);
    try {
      loadWalkthroughSettings({ [FINDING_RECTIFY_DAYS_ENV]: value });
    } catch (error) {
      if (error instanceof ConfigError) throw new DeployConfigError('findingRectifyWorkingDays', error.message);
      throw error;
    }
    env[FINDING_RECTIFY_DAYS_ENV] = value;
  }
  if (settings.anomalyThresholds !== undefined) {
    try {
      parseThresholds(settings.anomalyThresholds);
    } catch (error) {
      if (error instanceof ThresholdsError) throw new DeployConfigError('anomalyThresholds', error.message);
      throw error;
    }
    env[ANOMALY_THRESHOLDS_ENV] = settings.anomalyThresholds;
  }
  return env;
}
