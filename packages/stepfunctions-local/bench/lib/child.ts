import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// tsx's loader in the part's own process (the `tsx` CLI would add a grandchild, and Node
// flags such as --expose-gc would not reach the script).
const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href;

/**
 * Runs one benchmark part (a TypeScript file in this folder) in its own Node process, so that
 * parts do not share a heap, and returns the JSON object it prints as its last stdout line.
 * Its stderr passes through (progress lines).
 */
export function runPart<T>(script: string, args: object, nodeFlags: string[] = []): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, '--import', TSX_LOADER, path.join(__dirname, script), JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${script} exited with ${code}: ${last}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${script} printed no JSON result (last line: ${last.slice(0, 200)})`));
      }
    });
  });
}

/** Inside a part: parses the JSON argument given by `runPart`. */
export function partArgs<T>(): T {
  const raw = process.argv[2];
  if (raw === undefined) throw new Error('missing JSON argument (run through bench/engine.ts)');
  return JSON.parse(raw) as T;
}

/** Inside a part: prints the result line `runPart` reads. */
export function partResult(result: object): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
