/**
 * `prestart`: builds the web UI when web/dist is missing or was built from other sources, so
 * `npm install && npm start` serves the current UI with no extra command, and a second start
 * costs one hash of the sources (milliseconds), not a build. The stamp is a SHA-256 over the
 * UI's inputs (web/src, index.html, the Vite config, the shared modules it imports, the lock).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const WEB = path.join(__dirname, '..');
const ROOT = path.join(WEB, '..');
const STAMP = path.join(WEB, 'dist', '.sources.sha256');
const INPUTS = [
  'web/src',
  'web/public',
  'web/index.html',
  'web/vite.config.mts',
  'shared/calendar',
  'shared/identity/resident-id.ts',
  'package-lock.json',
];

function files(rel: string): string[] {
  const abs = path.join(ROOT, rel);
  if (!fs.existsSync(abs)) return [];
  if (fs.statSync(abs).isFile()) return [rel];
  return fs
    .readdirSync(abs)
    .sort()
    .flatMap((name) => files(path.posix.join(rel, name)));
}

export function sourcesHash(): string {
  const hash = crypto.createHash('sha256');
  for (const rel of INPUTS.flatMap(files))
    hash
      .update(rel)
      .update('\0')
      .update(fs.readFileSync(path.join(ROOT, rel)))
      .update('\0');
  return hash.digest('hex');
}

/** Builds web/dist unless it was built from exactly these sources. */
export function ensureWebBuilt(): void {
  const want = sourcesHash();
  const have = fs.existsSync(STAMP) ? fs.readFileSync(STAMP, 'utf8').trim() : '';
  if (have === want && fs.existsSync(path.join(WEB, 'dist', 'index.html'))) return;
  console.log('web UI: building web/dist (sources changed or never built)…');
  const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: WEB,
    stdio: 'inherit',
  });
  if (run.status !== 0) throw new Error(`vite build failed (exit ${run.status})`);
  fs.writeFileSync(STAMP, `${want}\n`);
}

if (require.main === module) ensureWebBuilt();
