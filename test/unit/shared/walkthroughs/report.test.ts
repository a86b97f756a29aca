import { walkthroughReport } from '../../../../shared/walkthroughs/report';
import { loadCalendar } from '../../../../shared/calendar';
import type { TimingEvent } from '../../../../shared/audit/types';
import type { ApplicationRecord } from '../../../../shared/applications/records';
import { getService } from '../../../../workflows/catalog';

const calendar = loadCalendar();
const def = getService('school-enrolment');
const app = {
  id: 'A1',
  serviceId: def.id,
  submittedAs: 'citizen',
  walkthroughMode: 'live',
  walkthroughRole: 'official',
  submittedAt: '2026-11-02T02:00:00.000Z',
  form: { child: { name: 'x', idNumber: 'y' }, guardians: [{ name: 'a' }, { name: 'b' }] },
  checks: [],
} as unknown as ApplicationRecord;

let seq = 0;
const ev = (at: string, type: TimingEvent['type'], extra: Partial<TimingEvent> = {}): TimingEvent =>
  ({
    at,
    type,
    seq: ++seq,
    actor: { role: 'system' },
    walkthrough: true,
    serviceId: def.id,
    key: `${type}:${seq}`,
    ...extra,
  }) as TimingEvent;

const report = (events: TimingEvent[], now: string) =>
  walkthroughReport({ id: 'W1', def, app, status: 'in-review', events, now: new Date(now), calendar, rectifyWorkingDays: 10 });

test('an open branch runs to now with its supplement days suspended; a decided one keeps what the log recorded', () => {
  const events = [
    ev('2026-11-02T02:00:00.000Z', 'submitted', { detail: { materials: ['photo'] } }),
    ev('2026-11-02T02:00:01.000Z', 'branch-opened', { department: 'education', dueAt: '2026-11-16T16:00:00.000Z' }),
    ev('2026-11-02T02:00:01.000Z', 'branch-opened', { department: 'hrss', dueAt: '2026-11-05T16:00:00.000Z' }),
    // hrss asks on Tuesday, the answer comes on Thursday: Tue-Thu do not count.
    ev('2026-11-03T02:00:00.000Z', 'supplement-requested', { department: 'hrss', dueAt: '2026-11-05T16:00:00.000Z' }),
    ev('2026-11-05T02:00:00.000Z', 'supplement-provided', { department: 'hrss', detail: { materials: ['photo', 'social'] } }),
    ev('2026-11-05T02:00:00.000Z', 'due-moved', { department: 'hrss', dueAt: '2026-11-10T16:00:00.000Z' }),
    ev('2026-11-04T03:00:00.000Z', 'decided', {
      department: 'education',
      dueAt: '2026-11-16T16:00:00.000Z',
      workingDaysUsed: 2,
      detail: { decision: 'approve' },
    }),
  ];
  const r = report(events, '2026-11-09T02:00:00.000Z');
  expect(r.burden).toEqual({
    formFields: 4,
    requiredMaterials: def.materials.filter((m) => m.required).length,
    replacedBySharedData: 0,
    uploadsNeeded: 3,
  });
  expect(r.steps.map((s) => s.department)).toEqual(['education', 'hrss']);
  expect(r.steps[0]).toEqual({
    department: 'education',
    openedAt: '2026-11-02T02:00:01.000Z',
    decidedAt: '2026-11-04T03:00:00.000Z',
    decision: 'approve',
    limitWorkingDays: 10,
    dueAt: '2026-11-16T16:00:00.000Z',
    workingDaysUsed: 2,
    elapsedMinutes: 2940,
    withinLimit: true,
    supplementRounds: 0,
  });
  // Opened Monday 11/2; counted: Fri 11/6 and Mon 11/9 (Tue-Thu suspended, weekend not working).
  expect(r.steps[1]).toMatchObject({
    department: 'hrss',
    dueAt: '2026-11-10T16:00:00.000Z',
    workingDaysUsed: 2,
    withinLimit: true,
    supplementRounds: 1,
  });
  expect(r.steps[1]!.decidedAt).toBeUndefined();
  // Past the moved due date it is no longer within the limit.
  expect(report(events, '2026-11-11T02:00:00.000Z').steps[1]).toMatchObject({ withinLimit: false });
});
