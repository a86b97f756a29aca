import { district12345V1 } from '../../../../workflows/events/district-12345';
import { eventDefinitions, findEventService } from '../../../../workflows/events/catalog';
import { candidates, mayReturn, nextDepartment } from '../../../../workflows/events/routing';
import type { EventDefinition } from '../../../../workflows/events/types';
import { assertValidEventDefinition, eventDefinitionProblems } from '../../../../workflows/validate';

const def = district12345V1;

test('the shipped district table is valid: 23 departments, every street office among them, a few dozen categories', () => {
  expect(eventDefinitionProblems(def)).toEqual([]);
  expect(def.departments).toHaveLength(23);
  expect(def.categories.length).toBeGreaterThanOrEqual(30);
  expect(def.categories.filter((c) => c.clock === 'natural').map((c) => c.id)).toEqual(
    expect.arrayContaining(['gas-smell', 'water-main-burst', 'manhole-cover']),
  );
  expect(findEventService('citizen-hotline')).toBe(def);
  expect(findEventService('school-enrolment')).toBeUndefined();
  expect(eventDefinitions).toContain(def);
});

test('every department of the table is reachable from some category and street', () => {
  const reached = new Set(def.categories.flatMap((c) => def.streets.flatMap((s) => candidates(def, c.id, s.id))));
  expect([...reached].sort()).toEqual(def.departments.map((d) => d.id).sort());
});

test.each([
  ['garbage-collection', 'jiyuanlu', ['city-management', 'jiyuanlu-street']],
  ['illegal-parking', 'xinanlu', ['public-security', 'city-management', 'xinanlu-street']],
  ['neighbour-dispute', 'kuangshan', ['kuangshan-street']],
  ['illegal-construction', 'gongyelu', ['city-management', 'natural-resources', 'gongyelu-street']],
  ['illegal-construction', 'xiawo', ['natural-resources', 'xiawo-town']],
  ['farmland', 'xiawo', ['agriculture', 'natural-resources', 'xiawo-town']],
])('routing %s in %s: %j', (category, street, expected) => {
  expect(candidates(def, category, street)).toEqual(expected);
});

test('a return moves to the next department; the street office is the last resort and cannot return', () => {
  expect(nextDepartment(def, 'illegal-parking', 'xinanlu', [])).toBe('public-security');
  expect(nextDepartment(def, 'illegal-parking', 'xinanlu', ['public-security'])).toBe('city-management');
  expect(nextDepartment(def, 'illegal-parking', 'xinanlu', ['public-security', 'city-management'])).toBe('xinanlu-street');
  expect(nextDepartment(def, 'illegal-parking', 'xinanlu', ['public-security', 'city-management', 'xinanlu-street'])).toBeUndefined();
  expect(mayReturn(def, 'illegal-parking', 'xinanlu', 'public-security')).toBe(true);
  expect(mayReturn(def, 'illegal-parking', 'xinanlu', 'xinanlu-street')).toBe(false);
});

test('unknown categories and streets are refused by name', () => {
  expect(() => candidates(def, 'no-such', 'jiyuanlu')).toThrow('unknown category "no-such"');
  expect(() => candidates(def, 'garbage-collection', 'atlantis')).toThrow('unknown street "atlantis"');
});

test('every problem of a broken definition is named by its field', () => {
  const broken: EventDefinition = {
    ...def,
    id: 'Bad_Id',
    warnAtShare: 1.5,
    ratingWindowHours: 0,
    departments: [...def.departments, { ...def.departments[0]! }],
    streets: [{ id: 'north', name: { zh: '北', en: 'North' }, office: 'city-management' }],
    categories: [
      {
        ...def.categories[0]!,
        acceptHours: 0,
        route: ['city-management', 'nowhere', 'city-management'],
        routeByStreet: { atlantis: ['@street'] },
      },
    ],
    workingHours: { sessions: [{ start: '13:00', end: '12:00' }] },
  };
  expect(eventDefinitionProblems(broken)).toEqual([
    'id: "Bad_Id" is not kebab-case',
    'warnAtShare: 1.5 is not between 0 and 1',
    'ratingWindowHours: 0 is not positive',
    'departments: duplicate id "city-management"',
    'streets[0].office: "city-management" is not a street office',
    'categories[0].acceptHours: 0 is not positive',
    'categories[0].route: unknown department "nowhere"',
    'categories[0].route: "city-management" appears twice',
    'categories[0].routeByStreet: unknown street "atlantis"',
    'workingHours.sessions.0.end: must be after start',
  ]);
  expect(() => assertValidEventDefinition(broken)).toThrow('Service definition "Bad_Id" is invalid');
});

test('photo rules: a count within the API bound, a positive size cap, at least one image type', () => {
  const photos = (p: Partial<EventDefinition['photos']>) => eventDefinitionProblems({ ...def, photos: { ...def.photos, ...p } });
  expect(def.photos).toEqual({ maxCount: 6, maxBytes: 5 * 1024 * 1024, accept: ['image/jpeg', 'image/png'] });
  expect(photos({ maxCount: 7 })).toEqual(['photos.maxCount: 7 is not an integer in 0..6']);
  expect(photos({ maxCount: 1.5 })).toEqual(['photos.maxCount: 1.5 is not an integer in 0..6']);
  expect(photos({ maxBytes: 0 })).toEqual(['photos.maxBytes: 0 is not positive']);
  expect(photos({ accept: [] })).toEqual(['photos.accept: at least one image type is required']);
  expect(photos({ maxCount: 0 })).toEqual([]);
});
