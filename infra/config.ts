import * as z from 'zod';
import { DeployConfigError } from './errors';

/** Where and how the app is deployed; read once from CDK context and the environment. */
export interface DeployConfig {
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
}

const schema = z.object({
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'expected a region name such as us-east-1 or cn-north-1'),
  account: z.string().regex(/^\d{12}$/, 'expected 12 digits').optional(),
  webOrigin: z
    .url({ protocol: /^https$/, message: 'expected an https origin such as https://onething.example.gov.cn' })
    .refine((v) => new URL(v).origin === v, 'expected an origin only (scheme and host, no path or trailing slash)'),
  auditRetentionDays: z.coerce.number().int().min(1).max(36500),
  alarmEmail: z.email().optional(),
  jwtIssuer: z.url({ protocol: /^https$/, message: 'expected the https URL of an OIDC issuer' }).optional(),
  jwtAudience: z.string().min(1).optional(),
});

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
    throw new DeployConfigError('jwtIssuer', 'Cognito user pools do not exist in the China regions; pass the OIDC issuer of your identity provider');
  }
  if (Boolean(config.jwtIssuer) !== Boolean(config.jwtAudience)) {
    throw new DeployConfigError(config.jwtIssuer ? 'jwtAudience' : 'jwtIssuer', 'jwtIssuer and jwtAudience go together');
  }
  return config;
}
