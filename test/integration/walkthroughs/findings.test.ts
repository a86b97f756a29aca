import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { getApplication } from '../support/flows';
import { loadCalendar } from '../../../shared/calendar';

let t: TestRuntime;
beforeAll(async () => {
  t = await startTestRuntime();
});
afterAll(() => t.close());

const DAY = 86_400;
const status = (p: Promise<unknown>) =>
  p.then(
    () => 200,
    (e: { status: number }) => e.status,
  );

test('findings and their rectification are timing-log events; an old unrectified one shows overdue', async () => {
  const inspector = await t.api.login({ role: 'inspector', sub: 'cdi-walker' });
  const official = await t.api.login({ role: 'official', sub: 'head-1' });
  const { id, applicationId } = await inspector.request<{ id: string; applicationId: string }>('POST', '/v1/walkthroughs', {
    serviceId: 'newborn',
    mode: 'probe',
  });

  const finding = await inspector.request<any>(
    'POST',
    `/v1/walkthroughs/${id}/findings`,
    { text: '表单要求重复填写父母信息', severity: 'medium', department: 'health' },
    { 'idempotency-key': 'finding-1' },
  );
  expect(finding).toMatchObject({ text: '表单要求重复填写父母信息', severity: 'medium', department: 'health', overdue: false });
  expect(finding.createdBy).toEqual({ role: 'inspector' });
  // The rule: the end of the 10th working day (the default) after the day it was recorded.
  expect(finding.rectifyBy).toBe(loadCalendar().dueAt(new Date(finding.createdAt), 10).dueAt.toISOString());
  // A retry with the same key is the same finding; the same key with another body is 422.
  const again = await inspector.request<any>(
    'POST',
    `/v1/walkthroughs/${id}/findings`,
    { text: '表单要求重复填写父母信息', severity: 'medium', department: 'health' },
    { 'idempotency-key': 'finding-1' },
  );
  expect(again).toEqual(finding);
  expect(
    await status(
      inspector.request('POST', `/v1/walkthroughs/${id}/findings`, { text: 'other', severity: 'high' }, { 'idempotency-key': 'finding-1' }),
    ),
  ).toBe(422);
  // A department the service does not have: 422 on the field, nothing logged.
  expect(
    await status(inspector.request('POST', `/v1/walkthroughs/${id}/findings`, { text: 'x', severity: 'low', department: 'fire' })),
  ).toBe(422);
  const second = await official.request<any>('POST', `/v1/walkthroughs/${id}/findings`, { text: '无须上传出生证明', severity: 'low' });

  // Three weeks later the first is still open: overdue, in the report and in the list.
  await t.api.advanceClock(21 * DAY);
  const late = await official.request<any>('GET', `/v1/walkthroughs/${id}`);
  expect(late.findings.map((f: any) => [f.id, f.overdue])).toEqual([
    [finding.id, true],
    [second.id, true],
  ]);
  expect(late.overdueFindings).toBe(2);
  const list = await official.request<{ items: any[] }>('GET', '/v1/walkthroughs?serviceId=newborn');
  expect(list.items.find((w) => w.id === id).overdueFindings).toBe(2);

  const fixed = await official.request<any>('POST', `/v1/walkthroughs/${id}/findings/${finding.id}/rectification`, {
    note: '已合并父母信息字段',
  });
  expect(fixed).toMatchObject({ id: finding.id, rectification: '已合并父母信息字段', overdue: false });
  // The same note again replays; another note is a conflict; an unknown finding is 404.
  expect(
    await official.request<any>('POST', `/v1/walkthroughs/${id}/findings/${finding.id}/rectification`, { note: '已合并父母信息字段' }),
  ).toEqual(fixed);
  expect(await status(official.request('POST', `/v1/walkthroughs/${id}/findings/${finding.id}/rectification`, { note: 'x' }))).toBe(409);
  expect(
    await status(official.request('POST', `/v1/walkthroughs/${id}/findings/F0000000000000000000000000/rectification`, { note: 'x' })),
  ).toBe(404);

  const after = await official.request<any>('GET', `/v1/walkthroughs/${id}`);
  expect(after.overdueFindings).toBe(1);

  // Auditable: each is one event on the walk-through's own chain, by whom and when.
  const app = await getApplication(inspector, applicationId);
  const logged = app.timeline.filter((e: any) => e.type.startsWith('finding-'));
  expect(logged.map((e: any) => [e.type, e.actor.role, e.department])).toEqual([
    ['finding-recorded', 'inspector', 'health'],
    ['finding-recorded', 'official', undefined],
    ['finding-rectified', 'official', 'health'],
  ]);
});
