/**
 * The 12345 callback rating (`rated`, 回访) is NOT a 好差评 evaluation for the inspectors
 * (docs/DESIGN.md "12345 events", "Callback ratings and the inspectors"): an event chain
 * counts as completed like an application's, but its rating adds no evaluation to the
 * satisfaction figures and a bad rating raises no `bad-review-unanswered`, because events
 * have no follow-up path.
 */
import { anomaliesOf } from '../../../../shared/audit/anomalies';
import { factsOf, type LoggedEvent } from '../../../../shared/audit/facts';
import { loadCalendar } from '../../../../shared/calendar/load';

const ID = 'E01M3ZQV0RWGNMP946W23J908ZH';
const at = (minutes: number) => new Date(Date.parse('2026-03-02T01:00:00.000Z') + minutes * 60_000).toISOString();

function eventChain(ratingLevel: number): LoggedEvent[] {
  const base = { applicationId: ID, serviceId: 'district-12345', walkthrough: false };
  const steps: Array<Partial<LoggedEvent> & { type: string; at: string }> = [
    { type: 'submitted', at: at(0), actor: { role: 'citizen', sub: 'c1' } },
    { type: 'dispatched', at: at(0), department: 'city-management', dueAt: at(60) },
    { type: 'branch-opened', at: at(0), department: 'city-management', dueAt: at(60) },
    { type: 'accepted', at: at(10), department: 'city-management', actor: { role: 'officer', sub: 'o1' } },
    { type: 'replied', at: at(40), department: 'city-management', actor: { role: 'officer', sub: 'o1' } },
    { type: 'decided', at: at(40), department: 'city-management', dueAt: at(60), detail: { decision: 'approve' } },
    { type: 'completed', at: at(40), detail: { outcome: 'approved' } },
    { type: 'rated', at: at(600), actor: { role: 'citizen', sub: 'c1' }, detail: { level: ratingLevel } },
  ];
  return steps.map((e, i) => ({ actor: { role: 'system' }, ...base, seq: i + 1, ...e }));
}

test('a rated event is completed (handled in 40 minutes) but carries no 好差评 evaluation', () => {
  const facts = factsOf(eventChain(5))!;
  expect(facts.outcome).toBe('approved');
  expect(facts.endedAt).toBe(at(40));
  expect(facts.evaluations).toEqual([]);
});

test('a bad callback rating raises no bad-review-unanswered, even long after', () => {
  const facts = factsOf(eventChain(1))!;
  const calendar = loadCalendar();
  const anomalies = anomaliesOf([facts], [facts], calendar, new Date('2026-06-30T00:00:00.000Z'));
  expect(anomalies.filter((a) => a.kind === 'bad-review-unanswered')).toEqual([]);
  expect(anomalies.filter((a) => a.applicationId === ID)).toEqual([]);
});
