import { catalog } from '../workflows/catalog';
import { renderEventStateMachine, renderStateMachine } from '../workflows/generator';
import { currentEventDefinitions } from '../workflows/events/catalog';
import type { EventDefinition } from '../workflows/events/types';
import { placeholdersOf } from '../workflows/generator/substitute';
import type { ServiceDefinition } from '../workflows/types';

/** A service's state machine as CDK deploys it: the generator's ASL, unchanged. */
export interface RenderedService {
  readonly serviceId: string;
  /** `JSON.stringify` of the generator's output, `${...}` placeholders included. */
  readonly definition: string;
  /** Names of the `${...}` placeholders in `definition`, sorted, each once. */
  readonly placeholders: readonly string[];
  /** Ids of the departments deciding in parallel (the `Department` metric dimension). */
  readonly departments: readonly string[];
  /** `one-thing`: a combined service (it has probes); `event`: a 12345 event service. */
  readonly kind: 'one-thing' | 'event';
}

// One placeholder rule: the generator's (the local runtime substitutes with it too).
export { placeholdersOf } from '../workflows/generator/substitute';

/**
 * Renders one service with the same generator the embedded runtime uses.
 *
 * @example renderService(getService('school-enrolment')).placeholders // ['CheckpointFunctionArn', ...]
 */
export function renderService(def: ServiceDefinition): RenderedService {
  const definition = JSON.stringify(renderStateMachine(def));
  return {
    serviceId: def.id,
    definition,
    placeholders: placeholdersOf(definition),
    departments: def.departments.map((d) => d.id),
    kind: 'one-thing',
  };
}

/** A 12345 event service's machine (issue 10); its departments are those of its routing table. */
export function renderEventService(def: EventDefinition): RenderedService {
  const definition = JSON.stringify(renderEventStateMachine(def));
  return {
    serviceId: def.id,
    definition,
    placeholders: placeholdersOf(definition),
    departments: def.departments.map((d) => d.id),
    kind: 'event',
  };
}

/** Every service of the catalog (current versions), rendered, then the 12345 event services. */
export function renderCatalog(
  services: readonly ServiceDefinition[] = catalog,
  events: readonly EventDefinition[] = currentEventDefinitions(),
): RenderedService[] {
  return [...services.map(renderService), ...events.map(renderEventService)];
}
