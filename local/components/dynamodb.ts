import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { repairIndexes, type IndexRepair } from './dynamodb-indexes';
// dynalite has no type declarations; its factory returns a node http.Server.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite: (options: Record<string, unknown>) => Server = require('dynalite');

export interface RunningComponent {
  port: number;
  close(): Promise<void>;
}

export interface RunningDynamoDb extends RunningComponent {
  /** What the start-up index repair fixed (zeros on a healthy data folder). */
  repaired: IndexRepair;
}

/**
 * Starts dynalite (the DynamoDB API on LevelDB) persisted under `dir`. Tables become ACTIVE
 * at once (createTableMs 0) so that start-up does not wait. Before serving, the secondary
 * indexes are repaired (see dynamodb-indexes.ts); `repair: false` skips that (tests only).
 */
export async function startDynamoDb(opts: { host: string; port: number; dir: string; repair?: boolean }): Promise<RunningDynamoDb> {
  assertPatched();
  fs.mkdirSync(opts.dir, { recursive: true });
  const repaired = opts.repair === false ? { removed: 0, rewritten: 0 } : await repairIndexes(opts.dir);
  const server = dynalite({ path: opts.dir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    repaired,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}

/**
 * The unpatched dynalite is neither crash-atomic nor free of iterator leaks; `npm install`
 * applies patches/dynalite+*.patch (postinstall: patch-package). Refuse to run without it.
 */
function assertPatched(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (typeof require('dynalite/db').writeItem !== 'function') {
    throw new Error('dynalite is not patched (patches/dynalite+4.0.0.patch): run `npm install` or `npx patch-package`');
  }
}
