import { loadCalendar } from '../../../../shared/calendar';
import { generateEvents } from '../../../../local/seed/generate';
import { candidates } from '../../../../workflows/events/routing';
import { district12345V1 } from '../../../../workflows/events/district-12345';

const calendar = loadCalendar();
const opts = { events: 600, seed: 5, from: '2026-01-01', days: 31 };
const events = generateEvents(district12345V1, calendar, opts);
const start = Date.parse('2026-01-01T00:00:00+08:00');
const end = start + 31 * 86_400_000;

test('the same seed gives the same events; another seed other ones', () => {
  expect(generateEvents(district12345V1, calendar, opts)).toEqual(events);
  expect(generateEvents(district12345V1, calendar, { ...opts, seed: 6 }).map((e) => e.record.id)).not.toEqual(
    events.map((e) => e.record.id),
  );
});

test('every timeline lies inside the period, in time order, with unique keys, starting with submitted', () => {
  for (const { timeline } of events) {
    const times = timeline.map((t) => t.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThanOrEqual(start);
    expect(times.at(-1)).toBeLessThan(end);
    expect(new Set(timeline.map((t) => t.input.key)).size).toBe(timeline.length);
    expect(timeline[0]!.input.type).toBe('submitted');
  }
});

test('dispatches follow the routing table, one department after each return', () => {
  for (const { record, timeline } of events) {
    const dispatched = timeline.filter((t) => t.input.type === 'dispatched').map((t) => t.input.department);
    const route = candidates(district12345V1, record.category, record.location.street);
    expect(dispatched).toEqual(route.slice(0, dispatched.length));
    expect(timeline.filter((t) => t.input.type === 'returned')).toHaveLength(record.returns.length);
    expect(dispatched).toHaveLength(record.returns.length + 1);
  }
});

test('a completed event has replied, decided (approve) and completed (approved) by its last department', () => {
  const completed = events.filter((e) => e.record.completedAt !== undefined);
  expect(completed.length).toBeGreaterThan(550);
  for (const { record, timeline } of completed) {
    const types = timeline.map((t) => t.input.type);
    expect(types).toEqual(expect.arrayContaining(['branch-opened', 'accepted', 'replied', 'decided', 'completed']));
    expect(timeline.find((t) => t.input.type === 'decided')).toMatchObject({
      input: { department: record.department, detail: { decision: 'approve' } },
    });
    expect(timeline.find((t) => t.input.type === 'completed')!.at.toISOString()).toBe(record.completedAt);
  }
});

test('an overdue step is logged at its due instant, only when the step came later or never', () => {
  for (const { timeline } of events) {
    for (const o of timeline.filter((t) => t.input.type === 'overdue')) {
      expect(o.at.toISOString()).toBe(o.input.dueAt);
    }
  }
});
