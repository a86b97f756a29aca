/**
 * The embedded Step Functions engine: a durable (sqlite) interpreter of Amazon States
 * Language behind the AWS API's operations. See README.md for design and guarantees.
 *
 * @example
 * const engine = await Engine.open({ dataDir: '.onething/sfn' });
 * engine.registerLambda('intake', handler);
 * await engine.call('CreateStateMachine', { name: 'm', definition, roleArn });
 */
import { systemClock, type AdvancingClock } from './clock';
import { SFN_OPERATIONS, type JsonObject, type SfnApi, type SfnOperation } from './api-types';
import type { ApiContext } from './api/context';
import { describeExecution, listExecutions, startExecution, stopExecution } from './api/executions';
import { getExecutionHistory } from './api/history';
import {
  createStateMachine,
  deleteStateMachine,
  describeStateMachine,
  listStateMachines,
  updateStateMachine,
  validateStateMachineDefinition,
} from './api/state-machines';
import { sendTaskFailure, sendTaskHeartbeat, sendTaskSuccess } from './api/tasks';
import { runEffect } from './core/effects';
import { createExecCache } from './core/exec-cache';
import { TurnRuntime } from './core/runtime';
import { Scheduler } from './core/scheduler';
import { apiErrors } from './errors';
import { createCatalogStore } from './store/catalog-store';
import { openDatabases, type Databases } from './store/db';
import { createRunStore } from './store/run-store';
import { createTurnTx } from './store/turn-tx';
import { createDynamoDbCaller, type DynamoDbCaller, type DynamoDbOptions } from './tasks/dynamodb';
import { createLambdaInvoker, type LambdaHandler } from './tasks/lambda';

export type { LambdaHandler, LambdaContext } from './tasks/lambda';
export { SfnError } from './api-types';
export type { Json, JsonObject, SfnApi, SfnOperation } from './api-types';
export type { AdvancingClock, Clock, ClockListener } from './clock';

export interface EngineOptions {
  /** Folder of the sqlite database (created if missing). */
  dataDir: string;
  /** @default systemClock; an advancing clock's advance() fires due timers and waits for them. */
  clock?: AdvancingClock;
  /** @default 'us-east-1' */
  region?: string;
  /** @default '000000000000' */
  accountId?: string;
  /** @default 'aws' */
  partition?: string;
  /** Endpoint of the DynamoDB API for dynamodb:* and aws-sdk:dynamodb:* tasks. */
  dynamodb?: DynamoDbOptions;
  /** @default 'NORMAL' (safe against a killed process); 'FULL' also against power loss. */
  synchronous?: 'NORMAL' | 'FULL';
  /**
   * Lambda handlers by function name, registered before any execution resumes (a handler
   * registered later with `registerLambda` may miss calls re-run right after open).
   */
  lambdas?: Record<string, LambdaHandler>;
  /**
   * Strict mode: a JSONata expression that reads a variable no state has assigned fails with
   * `States.QueryEvaluationError` instead of seeing undefined (AWS's answer is not recorded).
   * The project's tests turn it on. @default false
   */
  strictVariables?: boolean;
  /** Receives unexpected internal errors (bugs); @default console.error */
  onInternalError?: (err: unknown) => void;
}

type Operation = (api: ApiContext, input: JsonObject) => Promise<JsonObject>;

const OPERATIONS: Record<SfnOperation, Operation> = {
  CreateStateMachine: createStateMachine,
  DescribeStateMachine: describeStateMachine,
  UpdateStateMachine: updateStateMachine,
  DeleteStateMachine: deleteStateMachine,
  ListStateMachines: listStateMachines,
  ValidateStateMachineDefinition: validateStateMachineDefinition,
  StartExecution: startExecution,
  DescribeExecution: describeExecution,
  ListExecutions: listExecutions,
  StopExecution: stopExecution,
  GetExecutionHistory: getExecutionHistory,
  SendTaskSuccess: sendTaskSuccess,
  SendTaskFailure: sendTaskFailure,
  SendTaskHeartbeat: sendTaskHeartbeat,
};

/** The engine: an `SfnApi` over a durable store, with in-process Lambdas. */
export class Engine implements SfnApi {
  private closed = false;

  private constructor(
    private readonly lambdas: Map<string, LambdaHandler>,
    private readonly dbs: Databases,
    private readonly api: ApiContext,
    private readonly dynamodb: DynamoDbCaller,
  ) {}

  /** Opens (or creates) the store, resumes running executions and arms their timers. */
  static async open(options: EngineOptions): Promise<Engine> {
    const clock = options.clock ?? systemClock;
    const region = options.region ?? 'us-east-1';
    const scope = { partition: options.partition ?? 'aws', region, accountId: options.accountId ?? '000000000000' };
    const dbs = openDatabases(options.dataDir, options.synchronous ?? 'NORMAL');
    const runs = createRunStore(dbs.writer);
    const catalog = createCatalogStore(dbs.writer, dbs.reader);
    const execs = createExecCache(catalog, runs);
    const rt = new TurnRuntime(runs, catalog, clock, region, options.strictVariables ?? false);
    const now = () => clock.now().getTime();
    const dynamodb = createDynamoDbCaller(options.dynamodb, region);
    const lambdas = new Map<string, LambdaHandler>(Object.entries(options.lambdas ?? {}));
    const lambda = createLambdaInvoker(lambdas, now);
    const scheduler = new Scheduler({
      tx: createTurnTx(dbs.writer, runs.held),
      runs,
      execs,
      rt,
      now,
      startEffect: (effect, complete) => void runEffect(effect, { lambda, dynamodb, now: () => clock.now(), complete }),
      onInternalError: options.onInternalError ?? ((err) => console.error('[stepfunctions] internal error', err)),
    });
    const engine = new Engine(lambdas, dbs, { scope, catalog, runs, execs, rt, scheduler, now }, dynamodb);
    options.clock?.onAdvance?.(async () => {
      if (engine.closed) return;
      scheduler.kick();
      await scheduler.idle();
    });
    scheduler.resume();
    return engine;
  }

  /** Registers the handler run for Lambda function `functionName` (name, not ARN). */
  registerLambda(functionName: string, handler: LambdaHandler): void {
    this.lambdas.set(functionName, handler);
  }

  /** Runs one Step Functions API operation (AWS JSON wire shapes). */
  async call(operation: SfnOperation, input: JsonObject): Promise<JsonObject> {
    if (!SFN_OPERATIONS.includes(operation)) throw apiErrors.unknownOperation(String(operation));
    if (typeof input !== 'object' || input === null || Array.isArray(input)) throw apiErrors.notAnObject();
    return OPERATIONS[operation](this.api, input);
  }

  /**
   * What the engine holds in memory: only executions with runnable work or a call in
   * flight (waiting ones live on disk). For tests and benchmarks.
   */
  stats(): { executionsInMemory: number; queuedFrames: number; callsInFlight: number } {
    return { executionsInMemory: this.api.execs.size, queuedFrames: this.api.rt.queued, callsInFlight: this.api.scheduler.callsInFlight };
  }

  /** Resolves when no execution has runnable work, due timers or calls in flight. */
  idle(): Promise<void> {
    return this.api.scheduler.idle();
  }

  /** Stops the scheduler and closes the store; in-flight calls re-run at the next open. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.api.scheduler.close();
    this.dynamodb.close();
    await this.dbs.close();
  }
}
