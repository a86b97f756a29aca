import { SFNClient } from '@aws-sdk/client-sfn';
import { Engine } from '../src';
import { startSfnHttpServer, type SfnHttpServer } from '../src/http/server';

/** A local Lambda handler as the engine's `registerLambda` takes it. */
export type LocalHandler = Parameters<Engine['registerLambda']>[1];

export interface EngineOverHttp {
  engine: Engine;
  server: SfnHttpServer;
  /** An SDK client pointed at the server (no retries, so errors show as they are). */
  sfn: SFNClient;
  close(): Promise<void>;
}

export const DUMMY_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** An `@aws-sdk/client-sfn` client for a local endpoint. */
export function createSfnClient(endpoint: string, maxAttempts = 1): SFNClient {
  return new SFNClient({ endpoint, region: 'us-east-1', credentials: DUMMY_CREDENTIALS, maxAttempts });
}

/**
 * Opens the engine on `dataDir`, registers `lambdas` (function name → handler) and serves it
 * over HTTP on an ephemeral 127.0.0.1 port.
 * @example const { sfn, close } = await startEngineOverHttp({ dataDir, lambdas: { echo: async (e) => e } });
 */
export async function startEngineOverHttp(options: {
  dataDir: string;
  lambdas?: Record<string, LocalHandler>;
  clock?: Parameters<typeof Engine.open>[0]['clock'];
}): Promise<EngineOverHttp> {
  const engine = await Engine.open({ dataDir: options.dataDir, clock: options.clock });
  for (const [name, handler] of Object.entries(options.lambdas ?? {})) engine.registerLambda(name, handler);
  let server: SfnHttpServer;
  try {
    server = await startSfnHttpServer(engine, { port: 0 });
  } catch (err) {
    await engine.close();
    throw err;
  }
  const sfn = createSfnClient(server.url);
  return {
    engine,
    server,
    sfn,
    async close() {
      sfn.destroy();
      await server.close();
      await engine.close();
    },
  };
}
