/**
 * The event services (kind `event`), validated once at load. Apart from the one-thing
 * catalog because they have no form, materials or parallel branches; they share its engine,
 * timing log and reports.
 */
import { district12345V1 } from './district-12345';
import type { EventDefinition } from './types';
import { assertValidEventDefinition } from '../validate';

/** Every published version of every event service. */
export const eventDefinitions: readonly EventDefinition[] = [district12345V1];
eventDefinitions.forEach(assertValidEventDefinition);

/** The current (highest) version of an event service, or undefined. */
export function findEventService(id: string): EventDefinition | undefined {
  return eventDefinitions.filter((d) => d.id === id).sort((a, b) => b.version - a.version)[0];
}

/** The current (highest) version of each event service: one state machine each. */
export function currentEventDefinitions(): EventDefinition[] {
  const latest = new Map<string, EventDefinition>();
  for (const def of eventDefinitions) if ((latest.get(def.id)?.version ?? 0) < def.version) latest.set(def.id, def);
  return [...latest.values()];
}
