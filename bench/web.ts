/**
 * `npm run bench:web`: the JavaScript a citizen's browser downloads to show the catalog page
 * (the first load), gzip-compressed, against the 200 KB budget (exits 1 above it). Measured
 * on the production build: the entry script of web/dist/index.html and every chunk it imports
 * statically (followed through the chunks' own `import` statements, as the browser does);
 * lazy page chunks (staff pages, ECharts) are not part of the first load and are listed apart.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ensureWebBuilt } from '../web/scripts/ensure-built';

const DIST = path.join(__dirname, '..', 'web', 'dist');
const BUDGET_BYTES = 200 * 1024;

const gzipSize = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** The chunk files `file` imports statically (`import … from "./x.js"`, `import "./x.js"`). */
function staticImports(file: string): string[] {
  const code = fs.readFileSync(file, 'utf8');
  const found = new Set<string>();
  for (const m of code.matchAll(/\bimport\s*(?:[\w*{}\s,$]+\s*from\s*)?["']([^"']+\.js)["']/g))
    found.add(path.join(path.dirname(file), m[1]!));
  return [...found];
}

function main(): void {
  ensureWebBuilt();
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const entry = /<script type="module"[^>]*src="\/([^"]+)"/.exec(html)?.[1];
  if (!entry) throw new Error('web/dist/index.html has no module script');
  const firstLoad = new Set<string>();
  const visit = (file: string) => {
    if (firstLoad.has(file)) return;
    firstLoad.add(file);
    staticImports(file).forEach(visit);
  };
  visit(path.join(DIST, entry));

  const rows = [...firstLoad].map((f) => ({ file: path.relative(DIST, f), gzip: gzipSize(f) })).sort((a, b) => b.gzip - a.gzip);
  const total = rows.reduce((s, r) => s + r.gzip, 0);
  console.log('First load of the citizen catalog page (JavaScript, gzip -9):');
  for (const r of rows) console.log(`  ${r.file.padEnd(48)} ${kb(r.gzip).padStart(10)}`);
  console.log(`  ${'total'.padEnd(48)} ${kb(total).padStart(10)}   budget ${kb(BUDGET_BYTES)}`);

  const lazy = fs
    .readdirSync(path.join(DIST, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => path.join(DIST, 'assets', f))
    .filter((f) => !firstLoad.has(f))
    .map((f) => ({ file: path.relative(DIST, f), gzip: gzipSize(f) }))
    .sort((a, b) => b.gzip - a.gzip);
  console.log(`Loaded on demand (${lazy.length} chunks, ${kb(lazy.reduce((s, r) => s + r.gzip, 0))}); largest:`);
  for (const r of lazy.slice(0, 5)) console.log(`  ${r.file.padEnd(48)} ${kb(r.gzip).padStart(10)}`);
  if (total > BUDGET_BYTES) {
    console.error(`over budget by ${kb(total - BUDGET_BYTES)}`);
    process.exit(1);
  }
}

main();
