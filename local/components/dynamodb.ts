import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { repairIndexes, type IndexRepair } from './dynamodb-indexes';
import { guardRequests, refuseAwsJson } from '../loopback';
import type { DynaliteStore } from '../transport/dynamodb';
// dynalite has no type declarations; its factory returns a node http.Server.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite: (options: Record<string, unknown>) => Server & { store?: DynaliteStore } = require('dynalite');

export interface RunningComponent {
  port: number;
  close(): Promise<void>;
}

export interface RunningDynamoDb extends RunningComponent {
  /** What the start-up index repair fixed (zeros on a healthy data folder). */
  repaired: IndexRepair;
  /** The server's store, for the in-process transport (local/transport/dynamodb.ts). */
  store: DynaliteStore;
}

/**
 * Written into the store's folder once its indexes have been checked: from then on only the
 * patched dynalite writes there, whose item writes are atomic, so no later start needs the
 * check (it reads every item and entry: ~10 s for 3,500 applications on 2 busy cores).
 */
export const INDEXES_CHECKED_MARKER = 'onething-indexes-checked';

/**
 * Starts dynalite (the DynamoDB API on LevelDB) persisted under `dir`. Tables become ACTIVE
 * at once (createTableMs 0) so that start-up does not wait. Before serving, the secondary
 * indexes of a folder written by an older, unbatched dynalite are repaired once (see
 * dynamodb-indexes.ts); `repair: false` skips that (tests only).
 */
export async function startDynamoDb(opts: { host: string; port: number; dir: string; repair?: boolean }): Promise<RunningDynamoDb> {
  assertPatched();
  fs.mkdirSync(opts.dir, { recursive: true });
  const repaired = opts.repair === false ? { removed: 0, rewritten: 0 } : await repairOnce(opts.dir);
  const server = dynalite({ path: opts.dir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const store = server.store;
  if (store === undefined) throw new Error('dynalite does not expose its store (patches/dynalite+4.0.0.patch): run `npm install`');
  // dynalite answers every origin with `Access-Control-Allow-Origin: *`: web pages stop here.
  guardRequests(server, { refuse: refuseAwsJson('com.amazonaws.dynamodb.v20120810') });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    repaired,
    store,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}

/** A crash before the marker is written repeats the (idempotent) repair at the next start. */
async function repairOnce(dir: string): Promise<IndexRepair> {
  const marker = path.join(dir, INDEXES_CHECKED_MARKER);
  if (fs.existsSync(marker)) return { removed: 0, rewritten: 0 };
  const repaired = await repairIndexes(dir);
  const fd = fs.openSync(marker, 'w');
  fs.writeSync(fd, `${new Date().toISOString()} ${JSON.stringify(repaired)}\n`);
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  return repaired;
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
