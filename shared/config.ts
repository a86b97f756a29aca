import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { ENV_NAMES as N, RESOURCE_NAMES } from './names';

/**
 * The platform's configuration: ONE zod parse of the environment at cold start
 * (docs/DESIGN.md "Configuration"). Defaults apply only in the local runtime
 * (`ONETHING_LOCAL=1`); on AWS the CDK app sets every name, and a missing one fails loudly.
 */
export interface Config {
  local: boolean;
  region: string;
  tableName: string;
  auditTableName: string;
  materialsBucket: string;
  /** `arn:<partition>:states:<region>:<account>:stateMachine:`; a service's machine is `<prefix>onething-<serviceId>`. */
  stateMachineArnPrefix: string;
  /**
   * HMAC key of pagination cursors (`CURSOR_SECRET`, at least 32 characters). Local runtime:
   * random per process unless set. Absent on AWS: cursors are bound to their list but not
   * secret (see shared/applications/cursor.ts `fallbackCursorSecret`).
   */
  cursorSecret?: string;
  /** Local endpoints (127.0.0.1); only read when `local`. */
  ports: { dynamodb: number; s3: number; sfn: number };
}

/** A bad or missing environment variable; the message names it. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Invalid environment variable ${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
const LOCAL_PREFIX = 'arn:aws:states:us-east-1:000000000000:stateMachine:';

const ARN_PREFIX = /^arn:[\w-]+:states:[\w-]+:\d{12}:stateMachine:$/;

const LocalEnv = z.object({
  [N.dynamodbPort]: port(8000),
  [N.s3Port]: port(4569),
  [N.sfnPort]: port(8083),
  [N.tableName]: z.string().min(1).default(RESOURCE_NAMES.main),
  [N.auditTableName]: z.string().min(1).default(RESOURCE_NAMES.audit),
  [N.materialsBucket]: z.string().min(1).default(RESOURCE_NAMES.materials),
  [N.stateMachineArnPrefix]: z.string().regex(ARN_PREFIX).default(LOCAL_PREFIX),
  [N.region]: z.string().min(1).default('us-east-1'),
  [N.cursorSecret]: z.string().min(32).optional(),
});

// On AWS nothing falls back to a local name: a forgotten binding must not write elsewhere.
const AwsEnv = LocalEnv.extend({
  [N.tableName]: z.string().min(1),
  [N.auditTableName]: z.string().min(1),
  [N.materialsBucket]: z.string().min(1),
  [N.stateMachineArnPrefix]: z.string().regex(ARN_PREFIX),
  [N.region]: z.string().min(1),
});

/**
 * Parses the environment once.
 *
 * @example
 * const config = loadConfig(); // throws ConfigError('TABLE_NAME', ...) on AWS when unset
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const flag = env[N.local];
  if (flag !== undefined && flag !== '' && flag !== '0' && flag !== '1') {
    throw new ConfigError(N.local, 'must be 1 (local runtime) or unset');
  }
  const local = flag === '1';
  const parsed = (local ? LocalEnv : AwsEnv).safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue?.path[0]), issue?.message ?? parsed.error.message);
  }
  const e = parsed.data;
  // One local process serves every route, so a per-process key keeps cursors working there.
  const cursorSecret = e[N.cursorSecret] ?? (local ? randomBytes(32).toString('hex') : undefined);
  return {
    local,
    region: e[N.region],
    tableName: e[N.tableName],
    auditTableName: e[N.auditTableName],
    materialsBucket: e[N.materialsBucket],
    stateMachineArnPrefix: e[N.stateMachineArnPrefix],
    ...(cursorSecret !== undefined ? { cursorSecret } : {}),
    ports: { dynamodb: e[N.dynamodbPort], s3: e[N.s3Port], sfn: e[N.sfnPort] },
  };
}
