import type { PlatformDeps } from '../deps';
import { createTimingLog } from '../audit/store';
import { createDocumentStore } from '../documents/store';
import { createEvaluationRepo } from '../evaluations/repo';
import { createOutbox } from '../notifications/outbox';
import { withNotifications } from '../notifications/notifying-log';
import { createApplicationRepo } from './application-repo';
import { createCursorCodec, fallbackCursorSecret } from './cursor';
import { createPendingIndex } from './pending';
import { createTaskRepo } from './task-repo';
import { applicationIdOf } from '../evaluations/records';

/** The repositories and adapters every service of this module works with, built from the deps once. */
export function createContext(deps: PlatformDeps) {
  const cursors = createCursorCodec(deps.config.cursorSecret ?? fallbackCursorSecret(deps.config.tableName));
  const apps = createApplicationRepo(deps.ddb, deps.config.tableName, cursors);
  const evaluations = createEvaluationRepo(deps.ddb, deps.config.tableName, cursors);
  // Every notifying event writes its notifications in the same call (shared/notifications).
  const outbox = createOutbox({
    ddb: deps.ddb,
    tableName: deps.config.tableName,
    catalog: deps.catalog,
    calendar: deps.calendar,
    logger: deps.logger,
    getWithTasks: (id) => apps.getWithTasks(id),
    followUpNote: async (evaluationId) => (await evaluations.get(applicationIdOf(evaluationId)))?.followUp?.note,
  });
  return {
    ...deps,
    cursors,
    apps,
    evaluations,
    tasks: createTaskRepo(deps.ddb, deps.config.tableName, cursors),
    pending: createPendingIndex(deps.ddb, deps.config.tableName),
    log: withNotifications(createTimingLog({ ddb: deps.ddb, clock: deps.clock, tableName: deps.config.auditTableName }), outbox),
    docs: createDocumentStore({ s3: deps.s3, bucket: deps.config.materialsBucket }),
  };
}

export type Context = ReturnType<typeof createContext>;
