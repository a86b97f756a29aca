import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { act, getEvent, report, waitFor, type AnyView } from './support';

// 2026-09-30 10:00 CST: a Wednesday before 国庆 (10/1-10/7 off, 10/10 a make-up Saturday).
let t: TestRuntime;
beforeAll(async () => {
  t = await startTestRuntime();
});
afterAll(() => t.close());

const cst = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+08:00`).toISOString();
/** The dev clock keeps ticking in real time between steps: compare due dates to the minute. */
const minute = (iso: string) => iso.slice(0, 16);
const types = (view: AnyView): string[] => view.timeline.map((e: { type: string }) => e.type);
const nowCst = async () => new Date(Date.parse(await t.api.advanceClock(0)) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
/** Advances the dev clock to a CST wall-clock time. */
async function clockTo(wall: string): Promise<void> {
  const now = Date.parse(await t.api.advanceClock(0));
  await t.api.advanceClock(Math.max(0, (Date.parse(cst(wall)) - now) / 1000));
}

test('routing by category and street; accept and reply inside the limits; the callback rating closes it', async () => {
  const citizen = await t.api.login({ role: 'citizen', sub: 'c-route' });
  const garbage = await report(citizen, 'garbage-collection', 'jiyuanlu');
  const farmland = await report(citizen, 'farmland', 'xiawo');
  expect((await waitFor(citizen, garbage, 'dispatched')).department).toBe('city-management');
  expect((await waitFor(citizen, farmland, 'dispatched')).department).toBe('agriculture');

  const officer = await t.api.login({ role: 'officer', sub: 'o-cm', dept: 'city-management' });
  const inbox = await officer.request<AnyView>('GET', '/v1/departments/city-management/events?status=open');
  expect(inbox.items.map((e: { id: string }) => e.id)).toContain(garbage);
  expect(JSON.stringify(inbox)).not.toMatch(/13800000000|token/);

  await act(officer, garbage, 'accept');
  await waitFor(citizen, garbage, 'accepted');
  await act(officer, garbage, 'reply', { text: '已清运' });
  const handled = await waitFor(citizen, garbage, 'completed');
  expect(handled).toMatchObject({ status: 'handled', reply: '已清运', overdue: false });
  expect(handled.timeline.find((e: { type: string }) => e.type === 'decided')).toMatchObject({
    department: 'city-management',
    detail: { decision: 'approve' },
  });
  expect(handled.timeline.find((e: { type: string }) => e.type === 'completed')).toMatchObject({ detail: { outcome: 'approved' } });

  await act(citizen, garbage, 'rating', { level: 5, comment: '很快' });
  const closed = await waitFor(citizen, garbage, 'rated');
  expect(closed).toMatchObject({ status: 'closed', rating: { level: 5, comment: '很快' } });
  expect(types(closed)).toEqual(['submitted', 'dispatched', 'branch-opened', 'accepted', 'replied', 'decided', 'completed', 'rated']);
  // Rated once: a second rating finds nothing waiting.
  await expect(citizen.request('POST', `/v1/events/${garbage}/rating`, { level: 1 })).rejects.toMatchObject({ status: 409 });
});

test('a return (退单) re-dispatches to the next department of the route; the street office cannot return', async () => {
  const citizen = await t.api.login({ role: 'citizen', sub: 'c-return' });
  const id = await report(citizen, 'illegal-parking', 'xinanlu');
  await waitFor(citizen, id, 'dispatched');
  const police = await t.api.login({ role: 'officer', sub: 'o-ps', dept: 'public-security' });
  await act(police, id, 'return', { reason: '不属于本单位职责' });
  const second = await waitFor(citizen, id, 'dispatched', 2);
  expect(second.department).toBe('city-management');
  expect(second.returns).toEqual([{ department: 'public-security', reason: '不属于本单位职责', at: expect.any(String) }]);
  expect(second.timeline.find((e: { type: string }) => e.type === 'returned')).toMatchObject({
    department: 'public-security',
    detail: { reason: '不属于本单位职责', returns: 1 },
  });
  // The returning department no longer sees it: 404, not yours.
  await expect(police.request('POST', `/v1/events/${id}/accept`)).rejects.toMatchObject({ status: 404 });

  const cm = await t.api.login({ role: 'officer', sub: 'o-cm2', dept: 'city-management' });
  await act(cm, id, 'return', { reason: '地址不在辖区' });
  expect((await waitFor(citizen, id, 'dispatched', 3)).department).toBe('xinanlu-street');
  const street = await t.api.login({ role: 'officer', sub: 'o-st', dept: 'xinanlu-street' });
  await waitFor(citizen, id, 'branch-opened', 3);
  await expect(eventuallyStatus(() => street.request('POST', `/v1/events/${id}/return`, { reason: '不归我们' }))).resolves.toBe(409);
  await act(street, id, 'accept');
  expect((await waitFor(citizen, id, 'accepted')).department).toBe('xinanlu-street');
});

test('limits in working hours: across the lunch break, a night and 国庆; overdue is warned and escalated, the wait goes on', async () => {
  const citizen = await t.api.login({ role: 'citizen', sub: 'c-hours' });
  const officer = await t.api.login({ role: 'officer', sub: 'o-env', dept: 'environment' });
  // Lunch: reported 11:30, 1 working hour to accept -> 14:00; accepted 13:40 (inside), 8 h to handle.
  await clockTo('2026-09-30 11:30');
  const lunch = await report(citizen, 'noise-construction', 'gongyelu');
  const lunchView = await waitFor(citizen, lunch, 'dispatched');
  expect(minute(lunchView.acceptDueAt)).toBe(minute(cst('2026-09-30 14:00')));
  await clockTo('2026-09-30 13:40');
  await act(officer, lunch, 'accept');
  // 8 working hours from 13:40 Wed 9/30: 3h50 that day, 国庆 off, 4h10 on Thu 10/8 -> 12:40 is past noon: 13:30 + 0h40 = 14:10.
  expect(minute((await waitFor(citizen, lunch, 'accepted')).handleDueAt)).toBe(minute(cst('2026-10-08 14:10')));

  // Night + holiday: reported 17:00 on 9/30 -> 30 min that day, then 10/8 08:30 + 30 min = 09:00.
  await clockTo('2026-09-30 17:00');
  const night = await report(citizen, 'air-pollution', 'gongyelu');
  expect(minute((await waitFor(citizen, night, 'dispatched')).acceptDueAt)).toBe(minute(cst('2026-10-08 09:00')));

  // Nobody accepts: warned at 75 % of the working hour (10/8 08:45), overdue and escalated after 09:00; the wait goes on.
  await clockTo('2026-10-08 08:50');
  expect(types(await waitFor(citizen, night, 'warned'))).not.toContain('overdue');
  await clockTo('2026-10-08 10:30');
  const late = await waitFor(citizen, night, 'escalated');
  expect(types(late)).toEqual(expect.arrayContaining(['warned', 'overdue', 'escalated']));
  expect(late).toMatchObject({ status: 'dispatched', overdue: true });
  expect(await nowCst()).toBe('2026-10-08 10:30');
  await act(officer, night, 'accept');
  expect((await waitFor(citizen, night, 'accepted')).status).toBe('accepted');
  expect((await getEvent(citizen, night)).overdue).toBe(false);
});

/** The status an action ends with once the machine waits (a 409 "not waiting yet" is retried by act; here 409 is the answer). */
async function eventuallyStatus(call: () => Promise<unknown>): Promise<number> {
  return call().then(
    () => 200,
    (e: { status: number }) => e.status,
  );
}

test('a replay of the report after the department accepted it answers the first response (dispatched)', async () => {
  const citizen = await t.api.login({ role: 'citizen', sub: 'c-replay' });
  const body = {
    category: 'garbage-collection',
    description: '测试：重放',
    location: { street: 'jiyuanlu', address: '测试路2号' },
    contact: { name: '王女士', phone: '13800000000' },
  };
  const key = { 'idempotency-key': 'report-late-replay' };
  const first = await citizen.request<AnyView>('POST', '/v1/events', body, key);
  expect(first.status).toBe('dispatched');
  const officer = await t.api.login({ role: 'officer', sub: 'o-cm-replay', dept: 'city-management' });
  await act(officer, first.id, 'accept');
  expect((await waitFor(citizen, first.id, 'accepted')).status).not.toBe('dispatched');
  expect(await citizen.request('POST', '/v1/events', body, key)).toEqual(first);
});
