import type { PlatformDeps } from '../deps';
import { createTimingLog } from '../audit/store';
import { createDocumentStore } from '../documents/store';
import { createApplicationRepo } from './application-repo';
import { createCursorCodec, fallbackCursorSecret } from './cursor';
import { createPendingIndex } from './pending';
import { createTaskRepo } from './task-repo';

/** The repositories and adapters every service of this module works with, built from the deps once. */
export function createContext(deps: PlatformDeps) {
  const cursors = createCursorCodec(deps.config.cursorSecret ?? fallbackCursorSecret(deps.config.tableName));
  return {
    ...deps,
    apps: createApplicationRepo(deps.ddb, deps.config.tableName, cursors),
    tasks: createTaskRepo(deps.ddb, deps.config.tableName, cursors),
    pending: createPendingIndex(deps.ddb, deps.config.tableName),
    log: createTimingLog({ ddb: deps.ddb, clock: deps.clock, tableName: deps.config.auditTableName }),
    docs: createDocumentStore({ s3: deps.s3, bucket: deps.config.materialsBucket }),
  };
}

export type Context = ReturnType<typeof createContext>;
