/**
 * `npm run bench:store`: the embedded DynamoDB store before and after patches/dynalite+4.0.0.patch
 * (item + index entries in one LevelDB batch; iterators closed), side by side in one run.
 * The unpatched package is rebuilt by reverse-applying the patch to a copy under
 * node_modules/.cache/ (so that it resolves the same dependencies). Each side runs in a fresh
 * process, alternating, STORE_BENCH_ROUNDS times (default 2); ops/s per operation, median.
 *   STORE_BENCH_OPS=<n> operations per measure (default 2000)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const ROUNDS = Number(process.env.STORE_BENCH_ROUNDS ?? 2);

function unpatchedCopy(): string {
  const cache = path.join(ROOT, 'node_modules', '.cache', 'onething-bench');
  const dir = path.join(cache, 'node_modules', 'dynalite');
  fs.rmSync(cache, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  fs.cpSync(path.join(ROOT, 'node_modules', 'dynalite'), dir, { recursive: true });
  execFileSync('patch', ['-R', '-p1', '-s', '-d', cache, '-i', path.join(ROOT, 'patches', 'dynalite+4.0.0.patch')]);
  return dir;
}

function run(dynaliteDir: string): Record<string, number> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'lib', 'store-part.ts')], {
    cwd: ROOT,
    env: { ...process.env, DYNALITE_DIR: dynaliteDir },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

const sides = { before: unpatchedCopy(), after: path.join(ROOT, 'node_modules', 'dynalite') };
const results: Record<keyof typeof sides, Array<Record<string, number>>> = { before: [], after: [] };
for (let round = 0; round < ROUNDS; round++) {
  for (const side of ['before', 'after'] as const) results[side].push(run(sides[side]));
}
console.log(
  `bench:store — dynalite 4.0.0 unpatched (before) vs patched (after), ${ROUNDS} alternating runs each, median, node ${process.version}`,
);
console.log('| measure (ops/s unless noted) | before | after | change |');
console.log('|---|---:|---:|---:|');
for (const measure of Object.keys(results.after[0] ?? {})) {
  // Every run reports the same measures; a missing one would be a broken run, not a zero.
  const valueOf = (r: Record<string, number>) => r[measure] ?? Number.NaN;
  const b = median(results.before.map(valueOf));
  const a = median(results.after.map(valueOf));
  console.log(`| ${measure} | ${b} | ${a} | ${(((a - b) / b) * 100).toFixed(0)} % |`);
}
