import type { PlatformDeps } from '../deps';
import { createTimingLog } from '../audit/store';
import { createDocumentStore } from '../documents/store';
import { createApplicationRepo } from './application-repo';
import { createPendingIndex } from './pending';
import { createTaskRepo } from './task-repo';

/** The repositories and adapters every service of this module works with, built from the deps once. */
export function createContext(deps: PlatformDeps) {
  return {
    ...deps,
    apps: createApplicationRepo(deps.ddb, deps.config.tableName),
    tasks: createTaskRepo(deps.ddb, deps.config.tableName),
    pending: createPendingIndex(deps.ddb, deps.config.tableName),
    log: createTimingLog({ ddb: deps.ddb, clock: deps.clock, tableName: deps.config.auditTableName }),
    docs: createDocumentStore({ s3: deps.s3, bucket: deps.config.materialsBucket }),
  };
}

export type Context = ReturnType<typeof createContext>;
