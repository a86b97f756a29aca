/**
 * The inspectors' configuration (issue 8), parsed once from the environment like
 * shared/config.ts. Locally the runtime sets `ONETHING_AUDIT_DIR` (the data folder, where the
 * anchors file is); on AWS the CDK app sets `ARCHIVE_BUCKET` for the functions granted it.
 */
import * as z from 'zod';
import { ConfigError } from '../config';
import type { AnomalyThresholds } from './anomalies';
import { ANOMALY_THRESHOLDS_ENV, parseThresholds, ThresholdsError } from './thresholds';

export const AUDIT_ENV_NAMES = {
  auditDir: 'ONETHING_AUDIT_DIR',
  archiveBucket: 'ARCHIVE_BUCKET',
  anchorEveryHours: 'ONETHING_ANCHOR_EVERY_HOURS',
  // Signed export (AWS): the KMS signing key and its spec; locally the key is in auditDir.
  exportKeyArn: 'EXPORT_SIGNING_KEY_ARN',
  exportKeySpec: 'EXPORT_SIGNING_KEY_SPEC',
  // Site setting: JSON, a partial override of the anomaly thresholds' defaults.
  anomalyThresholds: ANOMALY_THRESHOLDS_ENV,
} as const;

export interface AuditConfig {
  /** Local: the folder of `anchors.ndjson`. */
  auditDir?: string;
  /** AWS: the Object Lock archive bucket (anchors under `anchors/`). */
  archiveBucket?: string;
  /** Hours between two anchors (at most 24: "at least daily"). */
  anchorEveryHours: number;
  /** AWS: the KMS asymmetric key that signs exports (kms:Sign / kms:GetPublicKey only). */
  exportKeyArn?: string;
  /** Its spec: ECC_NIST_P256, or SM2 where the region offers it (China regions). */
  exportKeySpec: 'ECC_NIST_P256' | 'SM2';
  /** The anomaly thresholds (defaults of PRODUCT.md unless the site overrides some). */
  thresholds: AnomalyThresholds;
}

const N = AUDIT_ENV_NAMES;
const Env = z.object({
  [N.auditDir]: z.string().min(1).optional(),
  [N.archiveBucket]: z.string().min(1).optional(),
  [N.anchorEveryHours]: z.coerce.number().positive().max(24).default(24),
  [N.exportKeyArn]: z.string().min(1).optional(),
  [N.exportKeySpec]: z.enum(['ECC_NIST_P256', 'SM2']).default('ECC_NIST_P256'),
});

export function loadAuditConfig(env: NodeJS.ProcessEnv = process.env): AuditConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue?.path[0]), issue?.message ?? parsed.error.message);
  }
  const e = parsed.data;
  let thresholds: AnomalyThresholds;
  try {
    thresholds = parseThresholds(env[N.anomalyThresholds]);
  } catch (error) {
    if (error instanceof ThresholdsError) throw new ConfigError(N.anomalyThresholds, error.message);
    throw error;
  }
  return {
    thresholds,
    ...(e[N.auditDir] !== undefined ? { auditDir: e[N.auditDir] } : {}),
    ...(e[N.archiveBucket] !== undefined ? { archiveBucket: e[N.archiveBucket] } : {}),
    anchorEveryHours: e[N.anchorEveryHours],
    ...(e[N.exportKeyArn] !== undefined ? { exportKeyArn: e[N.exportKeyArn] } : {}),
    exportKeySpec: e[N.exportKeySpec],
  };
}
