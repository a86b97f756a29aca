/**
 * `npm run bench:bundle`: bundles every function entry exactly as the CDK app does
 * (infra/bundling.ts) and measures, per function, the bundle size and the cold-start init
 * time: a fresh `node` process requires the bundle; the time until the module is loaded is
 * taken inside that process, the median of RUNS runs (BENCH_RUNS, default 7). Exits 1 when
 * a target is missed. Below the table, what the largest bundle is made of (esbuild metafile),
 * by package: where to look first when a bundle grows.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build, type Metafile } from 'esbuild';
import type { FunctionSpec } from '../functions/access';
import { esbuildOptions } from '../infra/bundling';
import { REPO_ROOT } from '../infra/constructs/platform-function';
import { platformFunctionSpecs } from '../infra/specs';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const MAX_BYTES = 1024 * 1024;
const MAX_INIT_MS = 200;
const TOP_PARTS = 10;

// What Lambda would set; the handler modules read their configuration at load time.
const LAMBDA_ENV = {
  PATH: process.env.PATH ?? '',
  AWS_REGION: 'us-east-1',
  TABLE_NAME: 'onething-main',
  AUDIT_TABLE_NAME: 'onething-audit',
  MATERIALS_BUCKET: 'onething-materials',
  STATE_MACHINE_ARN_PREFIX: 'arn:aws:states:us-east-1:000000000000:stateMachine:',
  NODE_OPTIONS: '--enable-source-maps',
};

const PROBE = `const t0 = process.hrtime.bigint(); require(process.argv[1]);
process.stdout.write(String(Number(process.hrtime.bigint() - t0) / 1e6));`;

function initMs(bundle: string): number {
  const run = spawnSync(process.execPath, ['-e', PROBE, bundle], { env: LAMBDA_ENV, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`loading ${bundle} failed: ${run.stderr.trim().split('\n').slice(0, 5).join('\n')}`);
  return Number(run.stdout);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

interface Row {
  name: string;
  outfile?: string;
  bytes?: number;
  mapBytes?: number;
  /** Output bytes per package (`node_modules/<pkg>`) or top-level source folder. */
  parts?: Map<string, number>;
  samples: number[];
  problem?: string;
}

/** Groups a bundle's inputs by npm package, or by the first two folders of our own source. */
function partsOf(meta: Metafile): Map<string, number> {
  const parts = new Map<string, number>();
  for (const output of Object.values(meta.outputs)) {
    for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? file.split('/').slice(0, 2).join('/');
      parts.set(pkg, (parts.get(pkg) ?? 0) + bytesInOutput);
    }
  }
  return parts;
}

async function bundle(spec: FunctionSpec, out: string): Promise<Row> {
  const entry = path.join(REPO_ROOT, spec.entry);
  if (!fs.existsSync(entry)) return { name: spec.name, samples: [], problem: `entry ${spec.entry} missing` };
  const outfile = path.join(out, spec.name, 'index.js');
  let meta: Metafile;
  try {
    ({ metafile: meta } = await build({
      ...esbuildOptions(),
      absWorkingDir: REPO_ROOT,
      entryPoints: [entry],
      outfile,
      logLevel: 'silent',
      metafile: true,
    }));
  } catch (err) {
    return { name: spec.name, samples: [], problem: `build failed: ${(err as Error).message.split('\n')[1] ?? ''}` };
  }
  return {
    name: spec.name,
    outfile,
    bytes: fs.statSync(outfile).size,
    mapBytes: fs.statSync(`${outfile}.map`).size,
    parts: partsOf(meta),
    samples: [],
  };
}

const kib = (n?: number) => (n === undefined ? '—' : (n / 1024).toFixed(0));
const ms = (xs: number[], f: (xs: number[]) => number) => (xs.length === 0 ? '—' : f(xs).toFixed(1));

async function main(): Promise<void> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'onething-bundle-'));
  const rows: Row[] = [];
  try {
    for (const spec of platformFunctionSpecs) rows.push(await bundle(spec, out));
    // Round-robin, so that a burst of load on a shared machine hits every function alike.
    for (let run = 0; run < RUNS; run++) for (const row of rows) if (row.outfile) row.samples.push(initMs(row.outfile));
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(
    `node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load ${load}; targets: bundle <= 1 MiB, init <= ${MAX_INIT_MS} ms\n`,
  );
  console.log(`| function | bundle KiB | source map KiB | init ms median of ${RUNS} | init ms min | result |`);
  console.log('|---|---:|---:|---:|---:|---|');
  for (const r of rows) {
    const median_ = r.samples.length ? median(r.samples) : undefined;
    r.problem ??=
      r.bytes !== undefined && r.bytes > MAX_BYTES
        ? 'bundle over 1 MiB'
        : median_ !== undefined && median_ > MAX_INIT_MS
          ? `init over ${MAX_INIT_MS} ms`
          : undefined;
    console.log(
      `| ${r.name} | ${kib(r.bytes)} | ${kib(r.mapBytes)} | ${ms(r.samples, median)} | ${ms(r.samples, (xs) => Math.min(...xs))} | ${r.problem ?? 'ok'} |`,
    );
  }
  const largest = rows.reduce<Row | undefined>((a, r) => ((r.bytes ?? 0) > (a?.bytes ?? 0) ? r : a), undefined);
  if (largest?.parts) {
    const top = [...largest.parts].sort((a, b) => b[1] - a[1]).slice(0, TOP_PARTS);
    console.log(`\nlargest bundle, ${largest.name}, by package (KiB): ${top.map(([pkg, n]) => `${pkg} ${kib(n)}`).join(', ')}`);
  }
  if (rows.some((r) => r.problem)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
