import * as z from 'zod';
import { DeployConfigError } from './errors';
import type { SiteSettings } from './site-settings';

/** Where and how the app is deployed; read once from CDK context and the environment. */
export interface DeployConfig extends SiteSettings {
  /** e.g. `us-east-1`, `cn-north-1`. */
  region: string;
  /** 12 digits; absent = environment-agnostic account (resolved at deploy time). */
  account?: string;
  /** Origin of the web UI, allowed by the API's and the materials bucket's CORS rules. */
  webOrigin: string;
  /** Object Lock COMPLIANCE retention of the audit archive, in days. */
  auditRetentionDays: number;
  /** Optional e-mail address subscribed to the alarm topic. */
  alarmEmail?: string;
  /**
   * An external OIDC issuer for the API's JWT authorizer instead of a Cognito user pool.
   * Required in the China regions, where Cognito user pools do not exist.
   */
  jwtIssuer?: string;
  /** The audience (client id) tokens of `jwtIssuer` carry; required with it. */
  jwtAudience?: string;
  /**
   * Days a submitted material (`applications/...`) is kept, old versions included, before the
   * lifecycle rule deletes it. Counted from the submission copy. See DEPLOY_DEFAULTS.
   */
  materialsRetentionDays: number;
  /**
   * The one role that may delete the audit archive key, disable it or change its policy: a
   * role name in the deployment account, or a role ARN. Created outside this stack.
   */
  breakGlassRole: string;
  /** Reserved concurrency of each task function the state machines invoke. */
  workflowReservedConcurrency: number;
  /** Reserved concurrency of `reconcile` (1: runs never overlap). */
  reconcileReservedConcurrency: number;
}

/**
 * Defaults of the settings that have one (docs/DEPLOY.md "Settings").
 *
 * materialsRetentionDays: 10 years. PRODUCT.md fixes no figure; 10 years is the shortest
 * period the archive retention rules for administrative case files (机关文件材料归档范围和文书
 * 档案保管期限规定, 国家档案局令第8号: permanent, 30 or 10 years) allow. A figure for the
 * product owner to confirm with the archive office of the deploying government.
 */
export const DEPLOY_DEFAULTS = {
  materialsRetentionDays: 3650,
  breakGlassRole: 'onething-break-glass',
  // 4 task functions x 50 = 200 reserved: leaves 800 of the default 1,000 account limit to the
  // API functions. A trial account with a lower limit needs smaller figures (DEPLOY.md).
  workflowReservedConcurrency: 50,
  reconcileReservedConcurrency: 1,
} as const;

// A role name (IAM: 1-64 of [\w+=,.@-]) or a role ARN in any partition, path allowed.
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ROLE_ARN = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

const schema = z.object({
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'expected a region name such as us-east-1 or cn-north-1'),
  account: z
    .string()
    .regex(/^\d{12}$/, 'expected 12 digits')
    .optional(),
  webOrigin: z
    .url({ protocol: /^https$/, message: 'expected an https origin such as https://onething.example.gov.cn' })
    .refine((v) => new URL(v).origin === v, 'expected an origin only (scheme and host, no path or trailing slash)'),
  auditRetentionDays: z.coerce.number().int().min(1).max(36500),
  alarmEmail: z.email().optional(),
  jwtIssuer: z.url({ protocol: /^https$/, message: 'expected the https URL of an OIDC issuer' }).optional(),
  jwtAudience: z.string().min(1).optional(),
  materialsRetentionDays: z.coerce.number().int().min(1).max(36500).default(DEPLOY_DEFAULTS.materialsRetentionDays),
  breakGlassRole: z
    .string()
    .refine((v) => ROLE_NAME.test(v) || ROLE_ARN.test(v), 'expected an IAM role name or role ARN')
    .default(DEPLOY_DEFAULTS.breakGlassRole),
  workflowReservedConcurrency: z.coerce.number().int().min(1).max(1000).default(DEPLOY_DEFAULTS.workflowReservedConcurrency),
  reconcileReservedConcurrency: z.coerce.number().int().min(1).max(10).default(DEPLOY_DEFAULTS.reconcileReservedConcurrency),
  // Site settings (infra/site-settings.ts checks their content against the catalog).
  promisedLimits: z.string().optional(),
  findingRectifyWorkingDays: z.coerce.number().int().min(1).max(365).optional(),
  anomalyThresholds: z.string().optional(),
});

/** A context value that is JSON: text as given, an object (cdk.json) as its JSON. */
function jsonText(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Reads a context value; `undefined` when absent. */
export type ContextReader = (key: string) => unknown;

/**
 * Parses the deployment settings: context first (`-c region=...`), then CDK_DEFAULT_REGION /
 * CDK_DEFAULT_ACCOUNT, which the CDK CLI sets from the AWS profile when there is one.
 *
 * @example
 * const config = loadDeployConfig((k) => app.node.tryGetContext(k), process.env);
 */
export function loadDeployConfig(context: ContextReader, env: NodeJS.ProcessEnv): DeployConfig {
  const str = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));
  const raw = {
    region: str(context('region')) ?? str(env.CDK_DEFAULT_REGION),
    account: str(context('account')) ?? str(env.CDK_DEFAULT_ACCOUNT),
    webOrigin: str(context('webOrigin')),
    auditRetentionDays: str(context('auditRetentionDays')),
    alarmEmail: str(context('alarmEmail')),
    jwtIssuer: str(context('jwtIssuer')),
    jwtAudience: str(context('jwtAudience')),
    materialsRetentionDays: str(context('materialsRetentionDays')),
    breakGlassRole: str(context('breakGlassRole')),
    workflowReservedConcurrency: str(context('workflowReservedConcurrency')),
    reconcileReservedConcurrency: str(context('reconcileReservedConcurrency')),
    // cdk.json may hold the promises as an object; `-c promisedLimits='{...}'` passes JSON text.
    promisedLimits: jsonText(context('promisedLimits')),
    findingRectifyWorkingDays: str(context('findingRectifyWorkingDays')),
    // Like promisedLimits: an object in cdk.json, JSON text from -c.
    anomalyThresholds: jsonText(context('anomalyThresholds')),
  };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? 'context');
    const detail = raw[field as keyof typeof raw] === undefined ? 'missing (pass -c ' + field + '=...)' : issue?.message;
    throw new DeployConfigError(field, detail ?? 'invalid');
  }
  const config = parsed.data;
  if (config.region.startsWith('cn-') && !config.jwtIssuer) {
    throw new DeployConfigError(
      'jwtIssuer',
      'Cognito user pools do not exist in the China regions; pass the OIDC issuer of your identity provider',
    );
  }
  if (Boolean(config.jwtIssuer) !== Boolean(config.jwtAudience)) {
    throw new DeployConfigError(config.jwtIssuer ? 'jwtAudience' : 'jwtIssuer', 'jwtIssuer and jwtAudience go together');
  }
  return config;
}
