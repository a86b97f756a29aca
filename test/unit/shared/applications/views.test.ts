import type { TimingEvent } from '../../../../shared/audit/types';
import { loadCalendar } from '../../../../shared/calendar';
import { applicationView } from '../../../../shared/applications/views';

const calendar = loadCalendar();
import { APP_ID, START, appRecord, school, taskRecord } from './helpers';

/**
 * Per-department scoping of the application view: an officer sees of the whole application
 * only what its own task view shows (its branch, materials, checks), in every part of the view.
 */
const event = (seq: number, e: Partial<TimingEvent> & Pick<TimingEvent, 'type' | 'key'>): TimingEvent => ({
  applicationId: APP_ID,
  eventId: `e${seq}`,
  seq,
  at: new Date(START.getTime() + seq * 1000).toISOString(),
  actor: { role: 'system' },
  serviceId: school.id,
  walkthrough: false,
  prevHash: '0'.repeat(64),
  hash: String(seq).repeat(64).slice(0, 64),
  ...e,
});

const REASONS = '房产信息与申报不符';
const rejected = appRecord({
  status: 'rejected',
  completedAt: '2026-10-02T02:00:00.000Z',
  materials: ['household-booklet', 'property-certificate', 'social-insurance-record'].map((materialId) => ({
    materialId,
    key: `applications/${APP_ID}/${materialId}`,
    sizeBytes: 10,
    contentType: 'application/pdf',
    sha256: 'a'.repeat(64),
  })),
  checks: ['household', 'property', 'social-insurance'].map((id) => ({
    id,
    name: { zh: id, en: id },
    passed: id !== 'property',
    summary: { zh: '-', en: '-' },
    detail: {},
  })),
  result: { outcome: 'rejected', rejectedBy: 'real-estate', reasons: REASONS },
});
const tasks = [
  taskRecord('public-security', { status: 'cancelled', cancelledBecause: 'rejected-by:real-estate' }),
  taskRecord('real-estate', { status: 'rejected', decision: 'reject', decidedAt: '2026-10-01T02:00:00.000Z', comment: REASONS }),
];
const events = [
  event(1, {
    type: 'submitted',
    key: 'submitted',
    actor: { role: 'citizen', sub: 'citizen-1' },
    detail: {
      materials: ['household-booklet', 'property-certificate', 'social-insurance-record'],
      checks: { household: true, property: false, 'social-insurance': true },
      onBehalfOf: { relation: '代办' },
    },
  }),
  event(2, {
    type: 'branch-opened',
    key: 'branch-opened:public-security',
    department: 'public-security',
    detail: { warnAt: START.toISOString() },
  }),
  event(3, { type: 'branch-opened', key: 'branch-opened:real-estate', department: 'real-estate', detail: { warnAt: START.toISOString() } }),
  event(4, {
    type: 'decided',
    key: 'decided:real-estate:0',
    department: 'real-estate',
    actor: { role: 'officer', sub: 'o-re' },
    detail: { decision: 'reject', comment: REASONS },
  }),
  event(5, {
    type: 'cancelled',
    key: 'cancelled:public-security',
    department: 'public-security',
    detail: { because: 'rejected-by:real-estate' },
  }),
  event(6, { type: 'completed', key: 'completed', detail: { outcome: 'rejected', rejectedBy: 'real-estate' } }),
];
const view = (reader: Parameters<typeof applicationView>[4]) => applicationView(school, rejected, tasks, events, reader, START, calendar);

test('an officer of another department sees no rejection reasons, materials or checks outside its own', () => {
  const seen = view({ kind: 'officer', dept: 'public-security' });
  expect(JSON.stringify(seen)).not.toContain(REASONS);
  expect(seen.result).toEqual({ outcome: 'rejected', rejectedBy: 'real-estate' });
  // public-security sees the household booklet and the household check, nothing else.
  expect(seen.timeline.find((e) => e.type === 'submitted')?.detail).toEqual({
    materials: ['household-booklet'],
    checks: { household: true },
    onBehalfOf: { relation: '代办' },
  });
  expect(seen.sharedDataChecks.map((c) => c.id)).toEqual(['household']);
  expect(seen.branches.map((b) => b.department)).toEqual(['public-security']);
  expect(seen.timeline.map((e) => e.type)).toEqual(['submitted', 'branch-opened', 'cancelled', 'completed']);
  expect(seen.timeline.find((e) => e.type === 'completed')?.detail).toEqual({ outcome: 'rejected', rejectedBy: 'real-estate' });
});

test('the rejecting officer still reads its own reasons; applicants and inspectors read everything', () => {
  const own = view({ kind: 'officer', dept: 'real-estate' });
  expect(own.result).toEqual({ outcome: 'rejected', rejectedBy: 'real-estate', reasons: REASONS });
  expect(own.timeline.find((e) => e.type === 'submitted')?.detail).toEqual({
    materials: ['property-certificate'],
    checks: { property: false },
    onBehalfOf: { relation: '代办' },
  });
  for (const reader of [{ kind: 'applicant' as const }, { kind: 'inspector' as const }]) {
    const all = view(reader);
    expect(all.result?.reasons).toBe(REASONS);
    expect(all.timeline.find((e) => e.type === 'submitted')?.detail).toEqual(events[0]!.detail);
    expect(all.timeline).toHaveLength(events.length);
  }
});

test('an officer gets no detail of an application-wide event it has no rule for', () => {
  const withdrawn = [
    ...events.slice(0, 3),
    event(7, { type: 'withdrawn', key: 'withdrawn', actor: { role: 'citizen', sub: 'c' }, detail: { note: 'moved abroad' } }),
  ];
  const seen = applicationView(
    school,
    appRecord({ status: 'withdrawn' }),
    tasks,
    withdrawn,
    { kind: 'officer', dept: 'public-security' },
    START,
    calendar,
  );
  expect(seen.timeline.find((e) => e.type === 'withdrawn')).toEqual({
    at: withdrawn[3]!.at,
    type: 'withdrawn',
    actor: { role: 'citizen' },
  });
});
