import path from 'node:path';
import * as z from 'zod';
import { localTransportFromEnv, type LocalTransport } from './transport/mode';

/**
 * The local runtime's settings. The `ONETHING_*` names and defaults are fixed by
 * ARCHITECTURE.md: outside scripts and acceptance tests rely on them.
 */
const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

const LocalEnv = z.object({
  ONETHING_DATA_DIR: z.string().min(1).default('.onething'),
  ONETHING_API_PORT: port(3000),
  ONETHING_DYNAMODB_PORT: port(8000),
  ONETHING_S3_PORT: port(4569),
  ONETHING_SFN_PORT: port(8083),
  ONETHING_CLOCK_START: z.iso.datetime({ offset: true }).optional(),
  /** `off`: no `/v1/dev/*` routes (404, as on AWS), e.g. on a machine shared with other users. */
  ONETHING_DEV_ROUTES: z.enum(['on', 'off']).default('on'),
});

export interface LocalConfig {
  dataDir: string;
  host: '127.0.0.1';
  ports: { api: number; dynamodb: number; s3: number; sfn: number };
  clockStart?: Date;
  /**
   * Serve `POST /v1/dev/tokens` and `/v1/dev/clock`; without them `/v1/dev/*` is 404.
   * @default true
   */
  devRoutes?: boolean;
  region: string;
  accountId: string;
  partition: string;
  /** How the platform's SDK clients reach the emulators (local/transport/mode.ts). @default ONETHING_LOCAL_TRANSPORT, else 'worker' */
  transport?: LocalTransport;
}

/** Reads the local runtime's environment once; a bad value fails loudly with its variable name. */
export function loadLocalConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  const parsed = LocalEnv.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid local runtime environment: ${issues}`);
  }
  const e = parsed.data;
  return {
    dataDir: path.resolve(e.ONETHING_DATA_DIR),
    host: '127.0.0.1',
    ports: { api: e.ONETHING_API_PORT, dynamodb: e.ONETHING_DYNAMODB_PORT, s3: e.ONETHING_S3_PORT, sfn: e.ONETHING_SFN_PORT },
    clockStart: e.ONETHING_CLOCK_START ? new Date(e.ONETHING_CLOCK_START) : undefined,
    devRoutes: e.ONETHING_DEV_ROUTES === 'on',
    region: 'us-east-1',
    accountId: '000000000000',
    partition: 'aws',
    transport: localTransportFromEnv(env),
  };
}
