import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { eventually } from './runtime';

const ROOT = path.resolve(__dirname, '../../..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * `npm start` in a child process on fixed free ports and its own data folder, that a test can
 * SIGKILL and start again on the same folder and ports (like a site whose machine crashed).
 */
export interface PlatformProcess {
  url: string;
  /** dynalite's port (served by the worker thread under the default transport). */
  dynamodbUrl: string;
  dataDir: string;
  /** The runtimes' output so far, for a failure message. */
  output(lines?: number): string;
  start(): Promise<void>;
  /** SIGKILL, then wait until the process is gone. */
  kill(): Promise<void>;
  /** A signal as Ctrl-C or a service manager sends it; resolves with the exit code once the process is gone. */
  stop(signal: 'SIGINT' | 'SIGTERM'): Promise<number | null>;
  /** Kill (if running) and delete the data folder. */
  dispose(): Promise<void>;
}

export async function platformProcess(opts: { clockStart: string }): Promise<PlatformProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onething-chaos-'));
  const env = {
    ...process.env,
    ONETHING_DATA_DIR: dataDir,
    ONETHING_API_PORT: String(await freePort()),
    ONETHING_DYNAMODB_PORT: String(await freePort()),
    ONETHING_S3_PORT: String(await freePort()),
    ONETHING_SFN_PORT: String(await freePort()),
    ONETHING_CLOCK_START: opts.clockStart,
    POWERTOOLS_LOG_LEVEL: 'WARN',
  };
  const url = `http://127.0.0.1:${env.ONETHING_API_PORT}`;
  const output: string[] = [];
  let child: ChildProcess | undefined;
  let exited: Promise<number | null> = Promise.resolve(null);

  const kill = async () => {
    if (!child) return;
    child.kill('SIGKILL');
    await exited;
    child = undefined;
  };
  return {
    url,
    dynamodbUrl: `http://127.0.0.1:${env.ONETHING_DYNAMODB_PORT}`,
    dataDir,
    output: (lines = 40) => output.join('').split('\n').slice(-lines).join('\n'),
    async start() {
      // `node --import tsx` (not the tsx CLI, which forks a grandchild) so that SIGKILL hits the runtime itself.
      child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'local/main.ts')], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const started = child;
      exited = new Promise((resolve) => started.once('exit', (code) => resolve(code)));
      // Only lines that are not access-log lines: the log would hold every request otherwise.
      const keep = (d: Buffer) =>
        output.push(
          ...d
            .toString()
            .split(/(?<=\n)/)
            .filter((l) => !/^(GET|POST|PUT|DELETE) \//.test(l)),
        );
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
      await eventually(
        async () => ((await fetch(`${url}/healthz`).catch(() => undefined))?.status === 200 ? true : undefined),
        'platform healthy',
        120_000,
      );
    },
    kill,
    async stop(signal) {
      if (!child) return null;
      child.kill(signal);
      const code = await exited;
      child = undefined;
      return code;
    },
    async dispose() {
      await kill();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
