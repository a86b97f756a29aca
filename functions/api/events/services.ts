/** The 12345 event service the event handlers call, built on first use (as ../services.ts). */
import type { PlatformDeps } from '../../../shared/deps';
import { createEventContext } from '../../../shared/events/context';
import { createEventService, type EventService } from '../../../shared/events/service';
import { lambdaDeps } from '../../deps';
import { once, type Lazy } from '../../lazy';

export type { EventService } from '../../../shared/events/service';
export type { Lazy } from '../../lazy';

export const createEventServiceGetter = (deps: Lazy<PlatformDeps>): Lazy<EventService> =>
  once(() => createEventService(createEventContext(deps())));

/** The Lambda process's event service. */
export const eventService = createEventServiceGetter(lambdaDeps);
