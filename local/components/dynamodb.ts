import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { guardRequests, refuseAwsJson } from '../loopback';
// dynalite has no type declarations; its factory returns a node http.Server.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite: (options: Record<string, unknown>) => Server = require('dynalite');

export interface RunningComponent {
  port: number;
  close(): Promise<void>;
}

/**
 * Starts dynalite (the DynamoDB API on LevelDB) persisted under `dir`. Tables become ACTIVE
 * at once (createTableMs 0) so that start-up does not wait.
 */
export async function startDynamoDb(opts: { host: string; port: number; dir: string }): Promise<RunningComponent> {
  fs.mkdirSync(opts.dir, { recursive: true });
  const server = dynalite({ path: opts.dir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  // dynalite answers every origin with `Access-Control-Allow-Origin: *`: web pages stop here.
  guardRequests(server, { refuse: refuseAwsJson('com.amazonaws.dynamodb.v20120810') });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}
