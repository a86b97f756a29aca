/**
 * The anomaly thresholds as site configuration (PRODUCT.md "Supervision": "thresholds are
 * configuration, with these defaults"): `ONETHING_ANOMALY_THRESHOLDS` is JSON, a partial
 * override of DEFAULT_THRESHOLDS, validated key by key so an error names the key.
 *
 * @example parseThresholds('{"rubberStampSeconds":120}') // { ...DEFAULT_THRESHOLDS, rubberStampSeconds: 120 }
 */
import * as z from 'zod';
import { DEFAULT_THRESHOLDS, type AnomalyThresholds } from './anomalies';

export const ANOMALY_THRESHOLDS_ENV = 'ONETHING_ANOMALY_THRESHOLDS';

const MINUTES_IN_DAY = 24 * 60;
const Override = z
  .strictObject({
    rubberStampSeconds: z.number().int().min(1).max(86_400),
    workdayStartMinute: z.number().int().min(0).max(MINUTES_IN_DAY),
    workdayEndMinute: z.number().int().min(0).max(MINUTES_IN_DAY),
    resubmissionWorkingDays: z.number().int().min(1).max(365),
  })
  .partial();

/** A bad value: `key` is the threshold's name (or the whole setting), `message` what is wrong. */
export class ThresholdsError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(`${ANOMALY_THRESHOLDS_ENV}${key ? `.${key}` : ''}: ${message}`);
    this.name = 'ThresholdsError';
  }
}

/** The thresholds `text` configures (undefined or empty: the defaults); throws ThresholdsError. */
export function parseThresholds(text: string | undefined): AnomalyThresholds {
  if (text === undefined || text.trim() === '') return DEFAULT_THRESHOLDS;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ThresholdsError('', 'not JSON (expected an object such as {"rubberStampSeconds":120})');
  }
  const parsed = Override.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.code === 'unrecognized_keys' ? issue.keys[0]! : issue.path.map(String).join('.');
    throw new ThresholdsError(
      key,
      issue.code === 'unrecognized_keys' ? `unknown threshold (known: ${Object.keys(DEFAULT_THRESHOLDS).join(', ')})` : issue.message,
    );
  }
  const thresholds = { ...DEFAULT_THRESHOLDS, ...parsed.data };
  if (thresholds.workdayStartMinute >= thresholds.workdayEndMinute)
    throw new ThresholdsError('workdayEndMinute', `must be after workdayStartMinute (${thresholds.workdayStartMinute})`);
  return thresholds;
}

/**
 * What the anomaly index was built with, stored with the rollup's watermark: the canonical
 * JSON of every threshold in a fixed order (readable, and parseable back). A watermark without
 * one was built with the defaults.
 */
export function thresholdsFingerprint(t: AnomalyThresholds): string {
  return JSON.stringify({
    rubberStampSeconds: t.rubberStampSeconds,
    workdayStartMinute: t.workdayStartMinute,
    workdayEndMinute: t.workdayEndMinute,
    resubmissionWorkingDays: t.resubmissionWorkingDays,
  });
}

export const DEFAULT_FINGERPRINT = thresholdsFingerprint(DEFAULT_THRESHOLDS);
