import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sleep } from '../../support/http';

// tsx's loader inside the child's own Node process: the `tsx` CLI would run the script in a
// grandchild, which a SIGKILL of the child would leave running.
const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href;
const FIXTURE = path.join(__dirname, 'fixtures', 'crash-engine.ts');

/** One life of the engine process of the crash test. */
export interface EngineChild {
  url: string;
  /** When the process was spawned (it resumes executions before it serves HTTP). */
  spawnedAt: number;
  /** When the child reported ready (its HTTP server listening, recovery started). */
  readyAt: number;
  /** SIGKILL, then wait for the process to be gone. */
  kill(): Promise<void>;
  stderr(): string;
}

/** Starts fixtures/crash-engine.ts on `dataDir` and waits until it serves HTTP. */
export async function startEngineChild(dataDir: string, tokenFile: string): Promise<EngineChild> {
  const spawnedAt = Date.now();
  const portFile = path.join(path.dirname(tokenFile), `port-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const child: ChildProcess = spawn(process.execPath, ['--import', TSX_LOADER, FIXTURE, dataDir, tokenFile, portFile], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 30_000;
  while (!fs.existsSync(portFile)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`engine child did not start (exit ${child.exitCode}): ${stderr}`);
    }
    await sleep(20);
  }
  const port = Number(fs.readFileSync(portFile, 'utf8'));
  return {
    url: `http://127.0.0.1:${port}`,
    spawnedAt,
    readyAt: Date.now(),
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
    stderr: () => stderr,
  };
}

/** The `{key, token}` lines the child's `record-token` lambda wrote, last token per key. */
export function readTokens(tokenFile: string): Map<string, string> {
  const tokens = new Map<string, string>();
  if (!fs.existsSync(tokenFile)) return tokens;
  for (const line of fs.readFileSync(tokenFile, 'utf8').split('\n')) {
    if (line === '') continue;
    const { key, token } = JSON.parse(line) as { key: string; token: string };
    tokens.set(key, token);
  }
  return tokens;
}
