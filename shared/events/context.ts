/** What the event steps and the event service need, built from the platform deps. */
import { createTimingLog } from '../audit/store';
import { createWorkingHours } from '../calendar';
import type { PlatformDeps } from '../deps';
import { findEventService } from '../../workflows/events/catalog';
import type { EventDefinition } from '../../workflows/events/types';
import { UnknownServiceError } from '../../workflows/errors';
import { createEventRepo } from './repo';
import { createDocumentStore } from '../documents/store';

export function createEventContext(deps: PlatformDeps) {
  const definition = (serviceId: string): EventDefinition => {
    const def = findEventService(serviceId);
    if (!def) throw new UnknownServiceError(serviceId);
    return def;
  };
  return {
    deps,
    repo: createEventRepo(deps.ddb, deps.config.tableName),
    log: createTimingLog({ ddb: deps.ddb, clock: deps.clock, tableName: deps.config.auditTableName }),
    definition,
    /** The report's photos: verified uploads copied under `events/<id>/` (photos.ts). */
    docs: createDocumentStore({ s3: deps.s3, bucket: deps.config.materialsBucket }),
    hours: (def: EventDefinition) => createWorkingHours(deps.calendar, def.workingHours),
  };
}

export type EventContext = ReturnType<typeof createEventContext>;
