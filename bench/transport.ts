/**
 * `npm run bench:transport`: what one DynamoDB call costs the runtime under each local transport,
 * side by side in one process (rounds interleaved): the platform's SDK client over loopback HTTP,
 * through the in-process handler on the LevelDB store, the same on dynalite's in-memory store,
 * and dynalite's request handling alone (the in-process answer without the SDK: what the SDK
 * adds is the difference). CPU µs per call (this process, all threads) and calls/s, 16 in flight.
 * Issue 9 (the SDK client's own cost): the "SDK only" rows answer every request with a fixed
 * body (no store at all), so they are the client's own cost per call: lib-dynamodb's document
 * client on the SDK's defaults and with the platform's signer (as the platform was before
 * issue 9's document layer), the platform's document layer as `createAwsClients` builds it
 * (plain client, `cacheMiddleware`, util-dynamodb), and the plain client with and without
 * `cacheMiddleware` (which lib-dynamodb refuses) in wire form.
 * Issue 9 (trimming the local transport): the worker thread's rows (one postMessage per call as
 * before, and batched per turn by microtask or setImmediate), and the local-only client levers
 * (no SigV4, no user agent: shared/aws/local-client-options.ts) one at a time and together, and
 * (canned answers) with and without the fixed endpoint provider, then with the client's config
 * stored fast (shared/aws/fast-config.ts).
 *   BENCH_OPS=<n> calls per measure (default 2000), BENCH_ROUNDS=<n> (default 3; median shown),
 *   BENCH_ONLY=<text> only the rows whose name contains it (e.g. `SDK only`), BENCH_IN_FLIGHT=<n> (default 16)
 *   BENCH_TRANSPORT_B=<checkout> adds the worker thread of another checkout (its
 *   local/transport/dynamodb-thread.ts and its node_modules' dynalite), with the same trimmed
 *   client, next to this one's: an A/B of the thread and its MessagePort in one run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Server } from 'node:http';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type DynamoDBClientConfig,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import * as LibDynamoDb from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, QueryCommand as DocQueryCommand, type DocumentStore } from '../shared/aws/document-store';
import type { GetCommandInput, PutCommandInput, QueryCommandInput } from '../shared/aws/document-store';
import { createAwsClients } from '../shared/aws/clients';
import { fixedEndpointProvider, inProcessClientOptions, withoutUserAgent } from '../shared/aws/local-client-options';
import { withFastProperties } from '../shared/aws/fast-config';
import { signerBuiltOnce } from '../shared/aws/signer';
import { loadConfig } from '../shared/config';
import { cannedDynamoDbHandler } from './lib/canned-dynamodb';
import { startDynamoDb } from '../local/components/dynamodb';
import { answerDynamoDbRequest, createInProcessDynamoDbHandler, type DynaliteStore } from '../local/transport/dynamodb';
import { startDynamoDbThread, type RunningDynamoDbThread } from '../local/transport/dynamodb-thread';
import { COALESCE_MODES } from '../local/transport/coalesce';

const OPS = Number(process.env.BENCH_OPS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Calls in flight at once (`BENCH_IN_FLIGHT`, default 16; 1 shows the cost of one message per call). */
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 16);
const TABLE = 'bench';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite') as (options: Record<string, unknown>) => Server & { store: DynaliteStore };

type Call = (i: number) => Promise<unknown>;
interface Side {
  name: string;
  get: Call;
  put: Call;
  query: Call;
}

/** The three measured calls in DynamoDB's wire form: what the plain client sends and dynalite answers. */
function wireInputs(prefix: string) {
  return {
    get: (i: number) => ({ TableName: TABLE, Key: { pk: { S: `${prefix}seed${i % 50}` }, sk: { S: 'APP' } } }),
    put: (i: number) => ({
      TableName: TABLE,
      Item: {
        pk: { S: `${prefix}p${i}-${performance.now()}` },
        sk: { S: 'APP' },
        gsi1pk: { S: `${prefix}owner` },
        gsi1sk: { S: `t${i}` },
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
    query: () => ({
      TableName: TABLE,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :o',
      ExpressionAttributeValues: { ':o': { S: `${prefix}seedowner` } },
      Limit: 5,
    }),
  };
}

function sdkSide(name: string, client: DynamoDBClient, prefix: string): Side {
  const input = wireInputs(prefix);
  return {
    name,
    get: (i) => client.send(new GetItemCommand(input.get(i))),
    put: (i) => client.send(new PutItemCommand(input.put(i))),
    query: () => client.send(new QueryCommand(input.query())),
  };
}

/** One document API's three calls in native values: the platform's layer or lib-dynamodb's client. */
interface DocumentCalls {
  get(input: GetCommandInput): Promise<unknown>;
  put(input: PutCommandInput): Promise<unknown>;
  query(input: QueryCommandInput): Promise<unknown>;
}

const viaLayer = (store: DocumentStore): DocumentCalls => ({
  get: (input) => store.send(new GetCommand(input)),
  put: (input) => store.send(new PutCommand(input)),
  query: (input) => store.send(new DocQueryCommand(input)),
});

const viaLibDynamoDb = (client: LibDynamoDb.DynamoDBDocumentClient): DocumentCalls => ({
  get: (input) => client.send(new LibDynamoDb.GetCommand(input)),
  put: (input) => client.send(new LibDynamoDb.PutCommand(input)),
  query: (input) => client.send(new LibDynamoDb.QueryCommand(input)),
});

/** The same three calls in plain JS values, as the platform makes them. */
function documentSide(name: string, calls: DocumentCalls, prefix: string): Side {
  return {
    name,
    get: (i) => calls.get({ TableName: TABLE, Key: { pk: `${prefix}seed${i % 50}`, sk: 'APP' } }),
    put: (i) =>
      calls.put({
        TableName: TABLE,
        Item: { pk: `${prefix}p${i}-${performance.now()}`, sk: 'APP', gsi1pk: `${prefix}owner`, gsi1sk: `t${i}` },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    query: () =>
      calls.query({
        TableName: TABLE,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :o',
        ExpressionAttributeValues: { ':o': `${prefix}seedowner` },
        Limit: 5,
      }),
  };
}

/** The plain client with the platform's signer (as createAwsClients builds it for AWS and the `http` transport). */
function signedClient(endpoint: string, requestHandler: DynamoDBClientConfig['requestHandler']): DynamoDBClient {
  const client: DynamoDBClient = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials,
    requestHandler,
    signer: signerBuiltOnce(() => client.config, 'dynamodb'),
  });
  return client;
}

/** The local-only levers (shared/aws/local-client-options.ts), one at a time or together. */
function localOnlyClient(
  endpoint: string,
  requestHandler: DynamoDBClientConfig['requestHandler'],
  levers: { unsigned: boolean; noUserAgent: boolean; fixedEndpoint?: boolean; fastConfig?: boolean },
): DynamoDBClient {
  const client: DynamoDBClient = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials,
    requestHandler,
    signer: levers.unsigned ? inProcessClientOptions(endpoint).signer : signerBuiltOnce(() => client.config, 'dynamodb'),
    ...(levers.fixedEndpoint ? { endpointProvider: fixedEndpointProvider(endpoint) } : {}),
  });
  if (levers.fastConfig) withFastProperties(client.config);
  return levers.noUserAgent ? withoutUserAgent(client) : client;
}

/** The client's own cost per call: the platform's client and the SDK's levers, each on a canned answer. */
function sdkOnlySides(endpoint: string, port: number): { sides: Side[]; clients: Array<{ destroy(): void }> } {
  const marshallOptions = { removeUndefinedValues: true };
  const canned = () => ({ endpoint, region: 'us-east-1', credentials, requestHandler: cannedDynamoDbHandler() });
  const defaults = new DynamoDBClient(canned());
  // The platform's client before the document layer: lib-dynamodb over a client with the shared signer.
  const signed: DynamoDBClient = new DynamoDBClient({ ...canned(), signer: signerBuiltOnce(() => signed.config, 'dynamodb') });
  const platform = createAwsClients(loadConfig({ ONETHING_LOCAL: '1', ONETHING_DYNAMODB_PORT: String(port) }), {
    dynamodb: cannedDynamoDbHandler(),
  }).ddb;
  const plain = new DynamoDBClient(canned());
  const cached = new DynamoDBClient({ ...canned(), cacheMiddleware: true });
  const trimmed = localOnlyClient(endpoint, cannedDynamoDbHandler(), { unsigned: true, noUserAgent: true });
  const fixed = localOnlyClient(endpoint, cannedDynamoDbHandler(), { unsigned: true, noUserAgent: true, fixedEndpoint: true });
  const fast = localOnlyClient(endpoint, cannedDynamoDbHandler(), {
    unsigned: true,
    noUserAgent: true,
    fixedEndpoint: true,
    fastConfig: true,
  });
  return {
    sides: [
      documentSide(
        'SDK only: lib-dynamodb document client, SDK defaults',
        viaLibDynamoDb(LibDynamoDb.DynamoDBDocumentClient.from(defaults, { marshallOptions })),
        '',
      ),
      documentSide(
        'SDK only: lib-dynamodb document client, shared signer (the platform before the document layer)',
        viaLibDynamoDb(LibDynamoDb.DynamoDBDocumentClient.from(signed, { marshallOptions })),
        '',
      ),
      documentSide(
        'SDK only: document layer as createAwsClients builds it (plain client, cacheMiddleware, util-dynamodb)',
        viaLayer(platform),
        '',
      ),
      sdkSide('SDK only: plain client, SDK defaults, wire form', plain, ''),
      sdkSide('SDK only: plain client, cacheMiddleware, wire form', cached, ''),
      sdkSide('SDK only: plain client, unsigned, no user agent, endpoint rules, wire form', trimmed, ''),
      sdkSide('SDK only: plain client, unsigned, no user agent, fixed endpoint, wire form', fixed, ''),
      sdkSide('SDK only: plain client, unsigned, no user agent, fixed endpoint, fast config, wire form', fast, ''),
    ],
    clients: [defaults, signed, platform, plain, cached, trimmed, fixed, fast],
  };
}

/** dynalite's answer to the JSON text the SDK would send, without the SDK. */
function rawSide(store: DynaliteStore, prefix: string): Side {
  const ask = (op: string, body: object) =>
    answerDynamoDbRequest(
      store,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': `DynamoDB_20120810.${op}`,
          authorization: 'AWS4-HMAC-SHA256 x',
        },
        body: JSON.stringify(body),
      },
      (err) => console.error(err),
    ).then((a) => JSON.parse(a.body) as unknown);
  const input = wireInputs(prefix);
  return {
    name: 'dynalite alone (LevelDB, no SDK)',
    get: (i) => ask('GetItem', input.get(i)),
    put: (i) => ask('PutItem', input.put(i)),
    query: () => ask('Query', input.query()),
  };
}

async function prepare(client: DynamoDBClient, prefix: string, createTable: boolean): Promise<void> {
  if (createTable) {
    await client.send(
      new CreateTableCommand({
        TableName: TABLE,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk'].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
        GlobalSecondaryIndexes: [
          {
            IndexName: 'gsi1',
            KeySchema: [
              { AttributeName: 'gsi1pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
    // ACTIVE once dynalite's second write of the description is done (later on a loaded machine).
    while ((await client.send(new DescribeTableCommand({ TableName: TABLE }))).Table?.TableStatus !== 'ACTIVE')
      await new Promise((resolve) => setTimeout(resolve, 10));
  }
  for (let i = 0; i < 50; i++) {
    await client.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: {
          pk: { S: `${prefix}seed${i}` },
          sk: { S: 'APP' },
          gsi1pk: { S: `${prefix}seedowner` },
          gsi1sk: { S: `t${i}` },
          form: { S: 'x'.repeat(800) },
        },
      }),
    );
  }
}

/** CPU µs per call and calls/s for OPS calls, IN_FLIGHT at a time. */
async function measure(call: Call): Promise<{ cpuUs: number; perSecond: number }> {
  let next = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < OPS) await call(next++);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { cpuUs: (cpu.user + cpu.system) / OPS, perSecond: OPS / seconds };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onething-bench-transport-'));
  const disk = await startDynamoDb({ host: '127.0.0.1', port: 0, dir });
  const memory = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const endpoint = `http://127.0.0.1:${disk.port}`;
  const http = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials });
  const inProcess = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials,
    requestHandler: createInProcessDynamoDbHandler(disk.store),
  });
  const inMemory = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials,
    requestHandler: createInProcessDynamoDbHandler(memory.store),
  });
  const inProcessLocalOnly = localOnlyClient(endpoint, createInProcessDynamoDbHandler(disk.store, undefined, { acceptUnsigned: true }), {
    unsigned: true,
    noUserAgent: true,
  });
  // One worker thread per batching mode, each with its own store; the platform's signer.
  const threads: Array<{ thread: RunningDynamoDbThread; dir: string }> = [];
  const workerSides: Side[] = [];
  const workerClients: DynamoDBClient[] = [];
  for (const coalesce of COALESCE_MODES) {
    const threadDir = fs.mkdtempSync(path.join(os.tmpdir(), `onething-bench-transport-${coalesce}-`));
    const thread = await startDynamoDbThread({ host: '127.0.0.1', port: 0, dir: threadDir, acceptUnsigned: true, coalesce });
    threads.push({ thread, dir: threadDir });
    const signed = signedClient(endpoint, thread.handler);
    const prefix = `w${coalesce}`;
    await prepare(signed, prefix, true);
    workerClients.push(signed);
    workerSides.push(sdkSide(`SDK worker thread, batching ${coalesce}`, signed, prefix));
    if (coalesce === 'immediate') {
      const trimmed = localOnlyClient(endpoint, thread.handler, { unsigned: true, noUserAgent: true });
      workerClients.push(trimmed);
      workerSides.push(sdkSide(`SDK worker thread, batching ${coalesce}, unsigned, no user agent`, trimmed, prefix));
    }
  }
  const otherRoot = process.env.BENCH_TRANSPORT_B;
  if (otherRoot) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const other = require(path.resolve(otherRoot, 'local/transport/dynamodb-thread')) as {
      startDynamoDbThread: typeof startDynamoDbThread;
    };
    const threadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onething-bench-transport-b-'));
    const thread = await other.startDynamoDbThread({ host: '127.0.0.1', port: 0, dir: threadDir, acceptUnsigned: true });
    threads.push({ thread, dir: threadDir });
    const trimmed = localOnlyClient(endpoint, thread.handler, { unsigned: true, noUserAgent: true });
    await prepare(trimmed, 'wb', true);
    workerClients.push(trimmed);
    workerSides.push(sdkSide(`SDK worker thread of ${otherRoot} (B), unsigned, no user agent`, trimmed, 'wb'));
  }
  await prepare(http, 'h', true);
  await prepare(inProcess, 'i', false);
  await prepare(inMemory, 'm', true);
  const sides = [
    sdkSide('SDK over HTTP (LevelDB)', http, 'h'),
    sdkSide('SDK in-process (LevelDB)', inProcess, 'i'),
    sdkSide('SDK in-process (LevelDB), unsigned, no user agent', inProcessLocalOnly, 'i'),
    ...workerSides,
    sdkSide('SDK in-process (in-memory store)', inMemory, 'm'),
    rawSide(disk.store, 'i'),
  ];
  const sdkOnly = sdkOnlySides(endpoint, disk.port);
  sides.push(...sdkOnly.sides);
  const only = process.env.BENCH_ONLY;
  if (only) sides.splice(0, sides.length, ...sides.filter((side) => side.name.includes(only)));
  const results = new Map<string, Array<{ cpuUs: number; perSecond: number }>>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
      for (const op of ['get', 'put', 'query'] as const) {
        const key = `${side.name}|${op}`;
        results.set(key, [...(results.get(key) ?? []), await measure(side[op])]);
      }
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  console.log(
    `bench:transport — ${OPS} calls per measure, ${IN_FLIGHT} in flight, ${ROUNDS} rounds (median), node ${process.version}, load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  console.log('| path | GetItem µs CPU / calls/s | conditional PutItem µs CPU / calls/s | Query (GSI, 5 items) µs CPU / calls/s |');
  console.log('|---|---:|---:|---:|');
  for (const side of sides) {
    const cell = (op: string) => {
      const rs = results.get(`${side.name}|${op}`)!;
      return `${median(rs.map((r) => r.cpuUs)).toFixed(0)} / ${median(rs.map((r) => r.perSecond)).toFixed(0)}`;
    };
    console.log(`| ${side.name} | ${cell('get')} | ${cell('put')} | ${cell('query')} |`);
  }
  http.destroy();
  inProcess.destroy();
  inProcessLocalOnly.destroy();
  for (const client of workerClients) client.destroy();
  for (const { thread, dir: threadDir } of threads) {
    await thread.close();
    fs.rmSync(threadDir, { recursive: true, force: true });
  }
  inMemory.destroy();
  for (const client of sdkOnly.clients) client.destroy();
  await disk.close();
  await new Promise<void>((resolve) => memory.close(() => resolve()));
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
