import './env-defaults';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LocalConfig } from './config';
import { startDynamoDb } from './components/dynamodb';
import { startS3 } from './components/s3';
import { prepareDataDir } from './data-dir';
import { refusalReason } from './loopback';
import { ensureTables, tableDefinitions } from './tables';
import { PersistedDevClock } from './clock-store';
import { ensureStateMachines, functionName, stateMachineArnPrefix } from './state-machines';
import { Engine } from './stepfunctions';
import { startSfnHttpServer } from './stepfunctions/http/server';
import { startApiServer, type AccessLogEntry } from './http-server';
import { createDevTokenIssuer } from './dev';
import { routes } from '../functions/routes';
import { getPlatformDeps, setPlatformDeps } from '../shared/deps';
import { reconcile, type ReconcileReport } from '../shared/applications';
import { workflowFunctions } from '../functions/workflow/specs';

export const LOCAL_NAMES = { main: 'onething-main', audit: 'onething-audit', materials: 'onething-materials' } as const;
const DUMMY_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface RunningRuntime {
  config: LocalConfig;
  urls: { api: string; sfn: string; dynamodb: string; s3: string };
  clock: PersistedDevClock['clock'];
  engine: Engine;
  close(): Promise<void>;
}

/**
 * Starts the whole platform on one machine: dynalite, s3rver, the embedded Step Functions
 * engine with the workflow handlers registered in-process, and the HTTP API. Everything it
 * creates (tables, buckets, state machines) is created idempotently, so a restart resumes.
 */
export interface RuntimeOptions {
  /** Progress lines (reconcile results); silent by default. */
  log?: (line: string) => void;
  /** One entry per API request; silent by default (tests, demo, benchmarks). */
  accessLog?: (entry: AccessLogEntry) => void;
  /** Real milliseconds between reconcile runs after the one at start; 0 turns the timer off. @default 60000 */
  reconcileEveryMs?: number;
  /**
   * The engine's strict mode (a read of an unassigned variable fails): on in the tests, off
   * for `npm start`, where the engine follows AWS as far as it is known. @default false
   */
  strictVariables?: boolean;
}

export async function startRuntime(config: LocalConfig, opts: RuntimeOptions = {}): Promise<RunningRuntime> {
  const log = opts.log ?? (() => {});
  const { host, dataDir } = config;
  prepareDataDir(dataDir);
  const stack: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const close of stack.reverse()) await close().catch(() => undefined);
  };
  try {
    const persisted = new PersistedDevClock(dataDir, config.clockStart);
    const clock = persisted.clock;
    const clockTimer = setInterval(() => persisted.save(), 10_000);
    clockTimer.unref();
    stack.push(async () => {
      clearInterval(clockTimer);
      persisted.save();
    });

    const dynamodb = await startDynamoDb({ host, port: config.ports.dynamodb, dir: path.join(dataDir, 'dynamodb') });
    stack.push(() => dynamodb.close());
    // The web UI is served from the API port: its pages may use presigned S3 links, no other page may.
    let apiPort: number | undefined;
    const browserOriginPorts = () => (apiPort === undefined ? [] : [apiPort]);
    const s3 = await startS3({ host, port: config.ports.s3, dir: path.join(dataDir, 's3'), buckets: [LOCAL_NAMES.materials], browserOriginPorts });
    stack.push(() => s3.close());
    const ddbEndpoint = `http://${host}:${dynamodb.port}`;

    const raw = new DynamoDBClient({ endpoint: ddbEndpoint, region: config.region, credentials: DUMMY_CREDENTIALS });
    await ensureTables(raw, tableDefinitions(LOCAL_NAMES));
    raw.destroy();

    // The engine's HTTP front end starts first so that its port is known before any handler
    // runs; requests wait until the engine is open (handlers re-run at open may call it).
    let engineOpened!: (engine: Engine) => void;
    const engineReady = new Promise<Engine>((resolve) => (engineOpened = resolve));
    const sfn = await startSfnHttpServer(
      { call: async (op, input) => (await engineReady).call(op, input) },
      { host, port: config.ports.sfn, guard: (req) => refusalReason(req) },
    );
    stack.push(() => sfn.close());

    // The handlers read their configuration from the environment at cold start, exactly as on
    // Lambda; set it (with the ports actually bound) before the first handler module loads.
    setHandlerEnvironment(config, { dynamodb: dynamodb.port, s3: s3.port, sfn: sfn.port });
    setPlatformDeps({ clock });
    const lambdas = Object.fromEntries(workflowFunctions.map((fn) => [functionName(fn.name), requireHandler(fn.entry)]));
    const engine = await Engine.open({
      dataDir: path.join(dataDir, 'stepfunctions'),
      clock,
      region: config.region,
      accountId: config.accountId,
      partition: config.partition,
      dynamodb: { endpoint: ddbEndpoint, region: config.region, credentials: DUMMY_CREDENTIALS },
      lambdas,
      strictVariables: opts.strictVariables ?? false,
    });
    stack.push(async () => {
      await drainCalls(engine);
      await engine.close();
    });
    engineOpened(engine);
    await ensureStateMachines(engine, config);

    let ready = false;
    const tokens = createDevTokenIssuer({ secret: loadOrCreateSecret(dataDir) });
    const api = await startApiServer({
      host,
      port: config.ports.api,
      routes,
      verifyToken: (token: string) => tokens.verify(token),
      ...(config.devRoutes === false ? {} : { devRoutes: { tokens, clock } }),
      isReady: () => ready,
      accessLog: opts.accessLog ?? (() => {}),
    });
    stack.push(() => api.close());
    apiPort = api.port;

    // Nothing is in flight yet, so no grace period: every mark left by a crash is repaired.
    report(log, await reconcile(getPlatformDeps(), { graceMs: 0 }));
    const timer = reconcileTimer(opts.reconcileEveryMs ?? 60_000, log);
    stack.push(timer.stop);
    ready = true;

    return {
      config,
      urls: { api: api.url, sfn: sfn.url, dynamodb: ddbEndpoint, s3: `http://${host}:${s3.port}` },
      clock,
      engine,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

function report(log: (line: string) => void, r: ReconcileReport): void {
  if (r.started > 0) log(`reconcile: started ${r.started} execution(s) for applications stored before a crash`);
  if (r.delivered > 0) log(`reconcile: delivered ${r.delivered} recorded result(s) a crash had left undelivered`);
}

/**
 * Runs reconcile every `everyMs` like the AWS schedule does (one run at a time; the timer does
 * not keep the process alive). `stop` waits for a run in progress, so nothing closes under it.
 */
function reconcileTimer(everyMs: number, log: (line: string) => void): { stop: () => Promise<void> } {
  if (everyMs <= 0) return { stop: async () => {} };
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = reconcile(getPlatformDeps())
      .then((r) => report(log, r))
      .catch((error: unknown) => getPlatformDeps().logger.error('scheduled reconcile failed', { error: error as Error }))
      .finally(() => (running = undefined));
  }, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

/**
 * Lets Lambda calls already running finish (they would be re-run at the next start anyway)
 * before the engine and then DynamoDB close under them: a clean stop leaves nothing half done.
 */
async function drainCalls(engine: Engine, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (engine.stats().callsInFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}

function setHandlerEnvironment(config: LocalConfig, ports: { dynamodb: number; s3: number; sfn: number }): void {
  Object.assign(process.env, {
    ONETHING_LOCAL: '1',
    ONETHING_DYNAMODB_PORT: String(ports.dynamodb),
    ONETHING_S3_PORT: String(ports.s3),
    ONETHING_SFN_PORT: String(ports.sfn),
    TABLE_NAME: LOCAL_NAMES.main,
    AUDIT_TABLE_NAME: LOCAL_NAMES.audit,
    MATERIALS_BUCKET: LOCAL_NAMES.materials,
    STATE_MACHINE_ARN_PREFIX: stateMachineArnPrefix(config),
    AWS_REGION: config.region,
  });
}

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

function requireHandler(entry: string): Handler {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.resolve(__dirname, '..', entry)) as { handler?: Handler };
  if (typeof mod.handler !== 'function') throw new Error(`${entry} does not export a handler`);
  return mod.handler;
}

/** The dev-token signing secret: random per data folder, never in the repository. */
function loadOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'dev-token-secret');
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

