import './env-defaults';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LocalConfig } from './config';
import { startDynamoDb, type RunningComponent, type RunningDynamoDb } from './components/dynamodb';
import { startS3 } from './components/s3';
import { prepareDataDir } from './data-dir';
import { refusalReason } from './loopback';
import { ensureTables, tableDefinitions } from './tables';
import { PersistedDevClock } from './clock-store';
import { ensureStateMachines, functionName, stateMachineArnPrefix } from './state-machines';
import { Engine, type JsonObject, type SfnOperation } from '@onething/stepfunctions-local';
import { startSfnHttpServer } from '@onething/stepfunctions-local/http';
import { createInProcessSfnHandler } from '@onething/stepfunctions-local/in-process';
import { createInProcessDynamoDbHandler } from './transport/dynamodb';
import { localTransportFromEnv, type LocalTransport } from './transport/mode';
import { startDynamoDbThread } from './transport/dynamodb-thread';
import type { SdkRequestHandler } from './transport/sdk-handler';
import { createAwsClients, type ClientMiddleware } from '../shared/aws/clients';
import { loadConfig } from '../shared/config';
import { startApiServer, type AccessLogEntry } from './http-server';
import { createStaticSite } from './http/static';

/** The built web UI (`npm run web:build`; `npm start` builds it when missing or stale). */
const WEB_DIST = path.join(__dirname, '..', 'web', 'dist');
import { createDevTokenIssuer } from './dev';
import { createProgressSignal, observed, type ProgressSignal } from './progress';
import { routes } from '../functions/routes';
import { createPlatformDeps, type PlatformDeps } from '../shared/deps';
import { rememberChainsOn } from '../shared/audit/chain-cache';
import { reconcile, type ReconcileReport } from '../shared/applications';
import { workflowFunctions } from '../functions/workflow/specs';
import { createWorkflowHandlers } from '../functions/workflow/handlers';
import { createStepDeps } from '../functions/workflow/steps';
import { createApiHandlers } from '../functions/api/handlers';
import { createApiServices } from '../functions/api/services';
import { seedCatalog } from '../workflows/catalog';
import type { Catalog } from '../workflows/types';
import { startProbeScheduler } from './probe-scheduler';
import { ENV_NAMES, RESOURCE_NAMES } from '../shared/names';
import { startLocalNotifications, type LocalNotifications } from './notifications';
import { AUDIT_ENV_NAMES, loadAuditConfig } from '../shared/audit/config';
import { anchorStoreOf } from '../shared/audit/service';
import { startAnchorTimer } from './audit-anchors';
import { startFactsRollupTimer } from './audit-facts';
import { createStepLane, stepLaneFromEnv, type StepLane, type StepLaneOptions } from './step-lane';

export const LOCAL_NAMES = RESOURCE_NAMES;
/** The requests that go before workflow steps (local/step-lane.ts): a citizen's submission waits for its answer; the steps it starts need not. */
const PRIORITY_ROUTES = new Set(['submit-application', 'submit-event']);
const DUMMY_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface RunningRuntime {
  config: LocalConfig;
  urls: { api: string; sfn: string; dynamodb: string; s3: string };
  clock: PersistedDevClock['clock'];
  engine: Engine;
  /** The deps every handler of this runtime uses (tests read its clients and config). */
  deps: PlatformDeps;
  /** Fires after each workflow step and scheduled reconcile: what tests wait on. */
  progress: ProgressSignal;
  /** SMS outbox file, SMS dispatch and the 好差评 check (local/notifications.ts). */
  notifications: LocalNotifications;
  /** The workflow steps running and waiting for room (local/step-lane.ts). */
  stepLane: Pick<StepLane, 'stats'>;
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
  /** Real milliseconds between probe sweeps (besides one after every dev-clock advance); 0 turns the timer off. @default 60000 */
  probeEveryMs?: number;
  /**
   * The service definitions to run (tests: a service whose example form no longer validates;
   * issue 15: a restart on the same data with another catalog, as a deployment of a new version
   * would). @default seedCatalog
   */
  catalog?: Catalog;
  /** Real milliseconds between SMS dispatches (to the data folder's outbox file); 0 turns it off. @default 1000 */
  smsEveryMs?: number;
  /** Real milliseconds between 好差评 checks (overdue follow-ups, the metric); 0 turns it off. @default 60000 */
  evaluationCheckEveryMs?: number;
  /** The built web UI to serve on the API port. @default web/dist of this checkout */
  webDist?: string;
  /**
   * Real milliseconds between the inspectors' fact rollups (local/audit-facts.ts); 0 turns the
   * timer off (bench:audit runs its own rollup, which a concurrent timer step would refuse).
   * @default ROLLUP_EVERY_MS (5 minutes)
   */
  factsRollupEveryMs?: number;
  /**
   * issue 9: middleware for the platform's SDK clients, installed at construction (bench call
   * counts, test probes). The DynamoDB client caches its resolved middleware per command class,
   * so middleware added to its stack later never runs. @default none
   */
  clientMiddleware?: ClientMiddleware;
  /**
   * Issue 9 (paced submit latency): how many workflow steps (the engine's Lambdas) run at once,
   * and while a submission is in flight; the rest wait their turn so that submissions are not
   * queued behind a pile of them (local/step-lane.ts).
   * @default ONETHING_STEP_LANE, else DEFAULT_STEP_LANE
   */
  stepLane?: StepLaneOptions;
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

    const transport = config.transport ?? localTransportFromEnv();
    const dynamodb = await startDynamoDbFor(transport, { host, port: config.ports.dynamodb, dir: path.join(dataDir, 'dynamodb') });
    stack.push(() => dynamodb.close());
    const { removed, rewritten } = dynamodb.repaired;
    if (removed + rewritten > 0)
      log(`dynamodb: repaired indexes left by a crash (${removed} stale entries removed, ${rewritten} rewritten)`);
    // The web UI is served from the API port: its pages may use presigned S3 links, no other page may.
    let apiPort: number | undefined;
    const browserOriginPorts = () => (apiPort === undefined ? [] : [apiPort]);
    const s3 = await startS3({
      host,
      port: config.ports.s3,
      dir: path.join(dataDir, 's3'),
      buckets: [LOCAL_NAMES.materials],
      browserOriginPorts,
    });
    stack.push(() => s3.close());
    const ddbEndpoint = `http://${host}:${dynamodb.port}`;

    const raw = new DynamoDBClient({ endpoint: ddbEndpoint, region: config.region, credentials: DUMMY_CREDENTIALS });
    await ensureTables(raw, tableDefinitions(LOCAL_NAMES));
    raw.destroy();

    // The engine's HTTP front end starts first so that its port is known before any handler
    // runs; requests wait until the engine is open (handlers re-run at open may call it).
    let engineOpened!: (engine: Engine) => void;
    const engineReady = new Promise<Engine>((resolve) => (engineOpened = resolve));
    const sfnApi = { call: async (op: SfnOperation, input: JsonObject) => (await engineReady).call(op, input) };
    const sfn = await startSfnHttpServer(sfnApi, { host, port: config.ports.sfn, guard: (req) => refusalReason(req) });
    stack.push(() => sfn.close());
    // The platform's own SDK clients (and the engine's DynamoDB tasks) skip TCP and HTTP unless
    // the transport is `http`; the ports above serve the CLI and outside clients either way.
    const handlers = transport === 'http' ? {} : { dynamodb: dynamodb.handler, sfn: createInProcessSfnHandler(sfnApi) };

    // The handlers read their configuration from the environment at cold start, exactly as on
    // Lambda; set it (with the ports actually bound) before the first handler module loads.
    setHandlerEnvironment(config, { dynamodb: dynamodb.port, s3: s3.port, sfn: sfn.port });
    // This runtime's own deps, passed to every handler factory: nothing depends on which module loads first.
    const platformConfig = loadConfig();
    const deps = createPlatformDeps({
      catalog: opts.catalog ?? seedCatalog,
      clock,
      config: platformConfig,
      ...createAwsClients(platformConfig, handlers, opts.clientMiddleware),
    });
    // issue 9 (fewer calls per application): appends start from the chain this process last saw.
    rememberChainsOn(deps.ddb);
    const stepHandlers = createWorkflowHandlers(createStepDeps(() => deps));
    const progress = createProgressSignal();
    const lane = createStepLane(opts.stepLane ?? stepLaneFromEnv());
    const lambdas = Object.fromEntries(
      workflowFunctions.map((fn) => [functionName(fn.name), observed(lane.wrap(handlerOf(stepHandlers, fn.name)), progress)]),
    );
    const apiHandlers = createApiHandlers(createApiServices(() => deps, deps.catalog));
    const engine = await Engine.open({
      dataDir: path.join(dataDir, 'stepfunctions'),
      clock,
      region: config.region,
      accountId: config.accountId,
      partition: config.partition,
      dynamodb: { endpoint: ddbEndpoint, region: config.region, credentials: DUMMY_CREDENTIALS, requestHandler: handlers.dynamodb },
      lambdas,
      strictVariables: opts.strictVariables ?? false,
    });
    stack.push(async () => {
      await drainCalls(engine);
      await engine.close();
    });
    engineOpened(engine);
    await ensureStateMachines(engine, config, deps.catalog.catalog);

    let ready = false;
    const tokens = createDevTokenIssuer({ secret: loadOrCreateSecret(dataDir) });
    const api = await startApiServer({
      host,
      port: config.ports.api,
      routes,
      loadHandler: (route) => handlerOf(apiHandlers, route.name),
      verifyToken: (token: string) => tokens.verify(token),
      ...(config.devRoutes === false ? {} : { devRoutes: { tokens, clock } }),
      isReady: () => ready,
      site: createStaticSite(opts.webDist ?? WEB_DIST, { s3Origin: () => `http://${host}:${s3.port}` }),
      accessLog: opts.accessLog ?? (() => {}),
      onRoute: (route) => (PRIORITY_ROUTES.has(route.name) ? lane.priority() : undefined),
    });
    stack.push(() => api.close());
    apiPort = api.port;

    // Nothing is in flight yet, so no grace period: every mark left by a crash is repaired.
    report(log, await reconcile(deps, { graceMs: 0 }));
    const timer = reconcileTimer(deps, opts.reconcileEveryMs ?? 60_000, log, () => progress.notify('reconcile'));
    stack.push(timer.stop);
    const probes = startProbeScheduler({
      deps,
      clock,
      everyMs: opts.probeEveryMs ?? 60_000,
      log,
      ran: () => progress.notify('probes'),
    });
    stack.push(probes.stop);
    const notifications = startLocalNotifications(deps, {
      dataDir,
      smsEveryMs: opts.smsEveryMs ?? 1000,
      checkEveryMs: opts.evaluationCheckEveryMs ?? 60_000,
      log,
      ran: () => progress.notify('notifications'),
      lane,
    });
    stack.push(() => notifications.stop());
    // Issue 8: chain heads sealed at least daily by platform time (local/audit-anchors.ts).
    const auditConfig = loadAuditConfig();
    const anchors = await startAnchorTimer(deps, clock, anchorStoreOf(deps, auditConfig), auditConfig.anchorEveryHours);
    stack.push(anchors.stop);
    // Issue 8 "Scale": the inspectors' fact rows rolled up every few real minutes (local/audit-facts.ts).
    if (opts.factsRollupEveryMs !== 0) stack.push(startFactsRollupTimer(deps, clock, auditConfig.thresholds, opts.factsRollupEveryMs).stop);
    ready = true;

    return {
      config,
      urls: { api: api.url, sfn: sfn.url, dynamodb: ddbEndpoint, s3: `http://${host}:${s3.port}` },
      clock,
      engine,
      deps,
      progress: { onProgress: (listener) => progress.onProgress(listener) },
      notifications,
      stepLane: { stats: () => lane.stats() },
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/**
 * dynalite in this thread (`in-process`, `http`) or in a worker thread (`worker`), with the SDK
 * request handler that reaches it without HTTP (unused by `http`).
 */
async function startDynamoDbFor(
  transport: LocalTransport,
  opts: { host: string; port: number; dir: string },
): Promise<RunningComponent & { repaired: RunningDynamoDb['repaired']; handler: SdkRequestHandler }> {
  // The platform's clients do not sign what they hand to these handlers (shared/aws/local-client-options.ts).
  if (transport === 'worker') return startDynamoDbThread({ ...opts, acceptUnsigned: true });
  const dynamodb = await startDynamoDb(opts);
  return { ...dynamodb, handler: createInProcessDynamoDbHandler(dynamodb.store, undefined, { acceptUnsigned: true }) };
}

function report(log: (line: string) => void, r: ReconcileReport): void {
  if (r.started > 0) log(`reconcile: started ${r.started} execution(s) for applications stored before a crash`);
  if (r.delivered > 0) log(`reconcile: delivered ${r.delivered} recorded result(s) a crash had left undelivered`);
}

/**
 * Runs reconcile every `everyMs` like the AWS schedule does (one run at a time; the timer does
 * not keep the process alive). `stop` waits for a run in progress, so nothing closes under it.
 */
function reconcileTimer(deps: PlatformDeps, everyMs: number, log: (line: string) => void, ran: () => void): { stop: () => Promise<void> } {
  if (everyMs <= 0) return { stop: async () => {} };
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = reconcile(deps)
      .then((r) => report(log, r))
      .catch((error: unknown) => deps.logger.error('scheduled reconcile failed', { error: error as Error }))
      .finally(() => {
        running = undefined;
        ran();
      });
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
    [ENV_NAMES.local]: '1',
    [ENV_NAMES.dynamodbPort]: String(ports.dynamodb),
    [ENV_NAMES.s3Port]: String(ports.s3),
    [ENV_NAMES.sfnPort]: String(ports.sfn),
    [ENV_NAMES.tableName]: LOCAL_NAMES.main,
    [ENV_NAMES.auditTableName]: LOCAL_NAMES.audit,
    [ENV_NAMES.materialsBucket]: LOCAL_NAMES.materials,
    [ENV_NAMES.stateMachineArnPrefix]: stateMachineArnPrefix(config),
    [ENV_NAMES.region]: config.region,
    [AUDIT_ENV_NAMES.auditDir]: config.dataDir,
  });
}

/** The handler built for a function or route of the spec tables; a spec without one fails the start. */
function handlerOf<H>(handlers: Readonly<Record<string, H>>, name: string): H {
  const handler = handlers[name];
  if (!handler) throw new Error(`no handler is built for ${name}`);
  return handler;
}

/** The dev-token signing secret: random per data folder, never in the repository. */
function loadOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'dev-token-secret');
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}
