/** Dispatch (派单): which department an event goes to, first and after each return (退单). */
import type { EventCategory, EventDefinition } from './types';

/** `@street` in a route stands for the office of the event's street. */
export const STREET_OFFICE = '@street';

/**
 * The departments an event is offered to, in order: the category's route for the street
 * (or its general route), `@street` resolved, duplicates dropped, and the street office last
 * if the route does not name it: the area's office answers when everyone else returned the
 * event (属地兜底), and it cannot return it.
 *
 * @example candidates(def, 'garbage-collection', 'jiyuanlu') // ['city-management', 'jiyuanlu-street']
 */
export function candidates(def: EventDefinition, categoryId: string, streetId: string): string[] {
  const category = findCategory(def, categoryId);
  const office = findStreet(def, streetId).office;
  const route = category.routeByStreet?.[streetId] ?? category.route;
  const resolved = route.map((d) => (d === STREET_OFFICE ? office : d));
  return [...new Set([...resolved, office])];
}

/** The next department to dispatch to after `returnedBy` (in order) each returned it; undefined when none is left. */
export function nextDepartment(
  def: EventDefinition,
  categoryId: string,
  streetId: string,
  returnedBy: readonly string[],
): string | undefined {
  return candidates(def, categoryId, streetId).find((d) => !returnedBy.includes(d));
}

/** Whether `department` may return an event of this street: every department but its last resort. */
export function mayReturn(def: EventDefinition, categoryId: string, streetId: string, department: string): boolean {
  const list = candidates(def, categoryId, streetId);
  return list.indexOf(department) < list.length - 1;
}

export function findCategory(def: EventDefinition, id: string): EventCategory {
  const category = def.categories.find((c) => c.id === id);
  if (!category) throw new RangeError(`unknown category "${id}"`);
  return category;
}

export function findStreet(def: EventDefinition, id: string) {
  const street = def.streets.find((s) => s.id === id);
  if (!street) throw new RangeError(`unknown street "${id}"`);
  return street;
}
