/**
 * `npm run bench:dynalite`: dynalite's own CPU per DynamoDB operation (no SDK, no HTTP): the JSON
 * text the SDK would send, through dynalite's type checks, validations and action on a LevelDB
 * store, and the answer serialised, the way local/transport/dynamodb.ts answers in-process.
 * The table is the platform's main table (4 GSIs, local/tables.ts).
 *
 * A/B: `BENCH_DYNALITE_B=<folder of another dynalite copy>` measures that copy side by side in the
 * same process (rounds interleaved, order alternating), e.g. a copy of node_modules/dynalite
 * taken before a patch change. CPU µs per call of this process (all threads) and calls/s,
 * 16 in flight. `BENCH_OPS=<n>` calls per measure (default 2000), `BENCH_ROUNDS=<n>` (default 5;
 * median shown). `BENCH_ONLY=<A|B>` one copy only, `BENCH_OP=<op name start>` one operation only
 * (for `node --import tsx --cpu-prof bench/dynalite.ts`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { tableDefinitions } from '../local/tables';

const OPS = Number(process.env.BENCH_OPS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const IN_FLIGHT = 16;
const TABLE = 'main';

type Callback = (err: unknown, data?: unknown) => void;
interface DynaliteCopy {
  name: string;
  store: object;
  checkTypes(data: unknown, types: unknown): unknown;
  checkValidations(data: unknown, types: unknown, custom: unknown, store: object): void;
  actions: Map<string, { action: (store: object, data: unknown, cb: Callback) => void; types: unknown; custom: unknown }>;
  close(): Promise<void>;
}

const OPERATIONS = ['CreateTable', 'GetItem', 'PutItem', 'UpdateItem', 'Query', 'BatchWriteItem'];

/** One copy of dynalite (its own module instances) on its own LevelDB folder. */
function loadCopy(name: string, root: string, dir: string): DynaliteCopy {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const createServer = require(root) as (options: object) => { store: object; close(cb: () => void): void };
  const validations = require(path.join(root, 'validations')) as Pick<DynaliteCopy, 'checkTypes' | 'checkValidations'>;
  const actions = new Map(
    OPERATIONS.map((op) => {
      const file = op[0]!.toLowerCase() + op.slice(1);
      const validation = require(path.join(root, 'validations', file)) as { types: unknown; custom?: unknown };
      const action = require(path.join(root, 'actions', file)) as (store: object, data: unknown, cb: Callback) => void;
      return [op, { action, types: validation.types, custom: validation.custom }] as const;
    }),
  );
  /* eslint-enable @typescript-eslint/no-require-imports */
  const server = createServer({ path: dir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  return {
    name,
    store: server.store,
    checkTypes: validations.checkTypes.bind(validations),
    checkValidations: validations.checkValidations.bind(validations),
    actions,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The request path of local/transport/dynamodb.ts, minus its header checks. */
function ask(copy: DynaliteCopy, op: string, body: object): Promise<unknown> {
  const { action, types, custom } = copy.actions.get(op)!;
  const data = copy.checkTypes(JSON.parse(JSON.stringify(body)), types);
  copy.checkValidations(data, types, custom, copy.store);
  return new Promise((resolve, reject) =>
    action(copy.store, data, (err, result) => (err ? reject(new Error(JSON.stringify(err))) : resolve(JSON.parse(JSON.stringify(result))))),
  );
}

const s = (S: string) => ({ S });
const application = (id: string, i: number) => ({
  pk: s(`APP#${id}`),
  sk: s('APP'),
  gsi1pk: s('CITY#hz'),
  gsi1sk: s(`2026-12-03T10:00:${String(i % 60).padStart(2, '0')}#${id}`),
  gsi2pk: s(`OWNER#${i % 50}`),
  gsi2sk: s(`APP#${id}`),
  status: s('SUBMITTED'),
  version: { N: '1' },
  form: { M: { name: s('张三'), school: s('Hangzhou No. 2 Primary'), address: s('x'.repeat(400)) } },
});

type Op = 'GetItem' | 'conditional PutItem' | 'conditional UpdateItem' | 'Query (GSI, 5 items)' | 'Query (table, begins_with)';
const OP_NAMES: Op[] = ['GetItem', 'conditional PutItem', 'conditional UpdateItem', 'Query (GSI, 5 items)', 'Query (table, begins_with)'];

function call(copy: DynaliteCopy, op: Op, i: number): Promise<unknown> {
  switch (op) {
    case 'GetItem':
      return ask(copy, 'GetItem', { TableName: TABLE, Key: { pk: s(`APP#seed${i % 50}`), sk: s('APP') } });
    case 'conditional PutItem':
      return ask(copy, 'PutItem', {
        TableName: TABLE,
        Item: application(`p${i}-${performance.now()}`, i),
        ConditionExpression: 'attribute_not_exists(pk)',
      });
    case 'conditional UpdateItem':
      return ask(copy, 'UpdateItem', {
        TableName: TABLE,
        Key: { pk: s(`APP#seed${i % 50}`), sk: s('APP') },
        UpdateExpression: 'SET #status = :s, gsi3pk = :q, gsi3sk = :t ADD version :one',
        ConditionExpression: 'attribute_exists(pk) AND #status <> :done',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':s': s(i % 2 ? 'APPROVED' : 'SUBMITTED'),
          ':q': s('DUE'),
          ':t': s(`t${i}`),
          ':one': { N: '1' },
          ':done': s('DONE'),
        },
        ReturnValues: 'ALL_NEW',
      });
    case 'Query (GSI, 5 items)':
      return ask(copy, 'Query', {
        TableName: TABLE,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :o',
        ExpressionAttributeValues: { ':o': s(`OWNER#${i % 50}`) },
        Limit: 5,
      });
    case 'Query (table, begins_with)':
      return ask(copy, 'Query', {
        TableName: TABLE,
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :a)',
        ExpressionAttributeValues: { ':p': s(`APP#seed${i % 50}`), ':a': s('AP') },
      });
  }
}

async function prepare(copy: DynaliteCopy): Promise<void> {
  const main = tableDefinitions({ main: TABLE, audit: 'audit' })[0]!;
  await ask(copy, 'CreateTable', main);
  await new Promise((resolve) => setTimeout(resolve, 20)); // ACTIVE on dynalite's next turn
  // 250 applications: 5 per owner (gsi2), so the GSI Query finds 5
  for (let i = 0; i < 250; i++) await ask(copy, 'PutItem', { TableName: TABLE, Item: application(`seed${i}`, i) });
}

async function measure(copy: DynaliteCopy, op: Op): Promise<{ cpuUs: number; perSecond: number }> {
  let next = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < OPS) await call(copy, op, next++);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { cpuUs: (cpu.user + cpu.system) / OPS, perSecond: OPS / seconds };
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'onething-bench-dynalite-'));
  const roots: Array<[string, string]> = [['A (node_modules/dynalite)', path.dirname(require.resolve('dynalite'))]];
  if (process.env.BENCH_DYNALITE_B) roots.push([`B (${process.env.BENCH_DYNALITE_B})`, path.resolve(process.env.BENCH_DYNALITE_B)]);
  const only = process.env.BENCH_ONLY;
  const ops = OP_NAMES.filter((op) => !process.env.BENCH_OP || op.startsWith(process.env.BENCH_OP));
  const copies = roots
    .filter(([name]) => !only || name.startsWith(only))
    .map(([name, root], i) => loadCopy(name, root, path.join(tmp, String(i))));
  for (const copy of copies) await prepare(copy);
  const results = new Map<string, Array<{ cpuUs: number; perSecond: number }>>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const copy of round % 2 === 0 ? copies : [...copies].reverse()) {
      for (const op of ops) {
        const key = `${copy.name}|${op}`;
        results.set(key, [...(results.get(key) ?? []), await measure(copy, op)]);
      }
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  const load = os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  console.log(
    `bench:dynalite — ${OPS} calls per measure, ${IN_FLIGHT} in flight, ${ROUNDS} rounds (median), node ${process.version}, load average ${load}`,
  );
  console.log(`| dynalite | ${ops.map((op) => `${op} µs CPU / calls/s`).join(' | ')} |`);
  console.log(`|---|${ops.map(() => '---:').join('|')}|`);
  for (const copy of copies) {
    const cell = (op: Op) => {
      const rs = results.get(`${copy.name}|${op}`)!;
      return `${median(rs.map((r) => r.cpuUs)).toFixed(0)} / ${median(rs.map((r) => r.perSecond)).toFixed(0)}`;
    };
    console.log(`| ${copy.name} | ${ops.map(cell).join(' | ')} |`);
  }
  for (const copy of copies) await copy.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
