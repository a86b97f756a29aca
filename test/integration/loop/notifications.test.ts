import fs from 'node:fs';
import { startTestRuntime, eventually, type TestRuntime } from '../support/runtime';
import {
  decide,
  fileFor,
  findTask,
  firstStage,
  getApplication,
  getService,
  submitExample,
  waitForBranches,
  waitForStatus,
} from '../support/flows';
import type { OneThingClient } from '../../../local/client';

let t: TestRuntime;
beforeAll(async () => {
  // A Monday in November: no holiday inside the limits.
  t = await startTestRuntime({ clockStart: '2026-11-02T02:00:00Z', smsEveryMs: 1000 });
});
afterAll(() => t.close());

interface Note {
  id: string;
  at: string;
  kind: string;
  applicationId: string;
  title: { zh: string; en: string };
  body: { zh: string; en: string };
  read: boolean;
}

async function allNotes(client: OneThingClient): Promise<Note[]> {
  const out: Note[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Note[]; nextCursor: string | null } = await client.request(
      'GET',
      `/v1/notifications?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

const smsLines = (): Array<{ id: string; to: string; kind: string; applicationId: string; text: string }> =>
  fs.existsSync(t.runtime.notifications.smsFile)
    ? fs
        .readFileSync(t.runtime.notifications.smsFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];

test('every kind of a school enrolment reaches the applicant once, in order, in-app and by SMS, and nobody else', async () => {
  const citizen = await t.api.login({ role: 'citizen', sub: 'loop-parent' });
  const service = await getService(t.api, 'school-enrolment');
  const id = await submitExample(citizen, service);
  await waitForBranches(citizen, id, service.departments.length);
  const [first, ...others] = service.departments;
  const officerOf = (dept: string) => t.api.login({ role: 'officer', sub: `o-${dept}`, dept });

  // One-time notice with two items.
  const material = service.materials[0]!;
  const o1 = await officerOf(first!.id);
  await decide(o1, (await findTask(o1, first!.id, id)).taskId, {
    decision: 'request-supplement',
    comment: '请补正',
    missing: [
      { materialId: material.id, reason: '照片不清晰' },
      { field: 'guardian.phone', reason: '联系电话无法接通' },
    ],
  });
  await waitForStatus(citizen, id, 'supplement-required');
  const uploadId = await citizen.upload(service.id, fileFor(material));
  await citizen.request('POST', `/v1/applications/${id}/supplements`, {
    department: first!.id,
    materials: [{ materialId: material.id, uploadId }],
    note: '已重新上传',
  });
  // The other departments approve; the first lets its (moved) due date pass, then approves.
  for (const d of others) {
    const o = await officerOf(d.id);
    await decide(o, (await findTask(o, d.id, id)).taskId, { decision: 'approve', comment: '同意' });
  }
  const reopened = await eventually(async () => {
    const app = await getApplication(citizen, id);
    const b = app.branches.find((x: any) => x.department === first!.id);
    return b.status === 'open' ? b : undefined;
  }, 'the first branch open again');
  await t.api.advanceClock(Math.ceil((Date.parse(reopened.dueAt) - t.runtime.clock.now().getTime()) / 1000) + 3600);
  await eventually(async () => ((await allNotes(citizen)).some((n) => n.kind === 'overdue-apology') ? true : undefined), 'the apology');
  await decide(o1, (await findTask(o1, first!.id, id)).taskId, { decision: 'approve', comment: '同意' });
  await waitForStatus(citizen, id, 'approved');

  const expected = [
    'supplement-requested',
    'supplement-received',
    ...others.map(() => 'department-decision'),
    'overdue-apology',
    'department-decision',
    'result',
    'evaluation-invitation',
  ];
  const notes = await eventually(async () => {
    const n = await allNotes(citizen);
    return n.length >= expected.length ? n : undefined;
  }, 'every notification');
  // Newest first; oldest first reads the application's story.
  const story = [...notes].reverse();
  expect(story.map((n) => n.kind)).toEqual(expected);
  expect(new Set(notes.map((n) => n.id)).size).toBe(notes.length);
  expect(notes.every((n) => n.applicationId === id && !n.read)).toBe(true);
  // The one-time notice lists ALL missing items, zh first in the glossary's words.
  expect(story[0]!.body.zh).toContain('一次性告知');
  expect(story[0]!.body.zh).toContain('照片不清晰');
  expect(story[0]!.body.zh).toContain('联系电话无法接通');
  expect(story[0]!.body.en).toContain('(2)');
  expect(story[expected.indexOf('overdue-apology')]!.body.zh).toMatch(/很抱歉.*预计\d{4}年\d{1,2}月\d{1,2}日（含）前办结/);
  expect(story.at(-2)!.body.zh).toContain('已办结（准予）');

  // Nobody else sees them: another citizen's inbox is empty, officers have none.
  const stranger = await t.api.login({ role: 'citizen', sub: 'loop-stranger' });
  expect(await allNotes(stranger)).toEqual([]);
  await expect(o1.request('GET', '/v1/notifications')).rejects.toMatchObject({ status: 403 });

  // SMS: the kinds the applicant must act on or waited for, once each, to the form's number;
  // the completion's result and invitation to evaluate as one text.
  const smsKinds = ['supplement-requested', 'overdue-apology', 'result'];
  const lines = await eventually(async () => {
    const mine = smsLines().filter((l) => l.applicationId === id);
    return mine.length >= smsKinds.length ? mine : undefined;
  }, 'the SMS lines');
  expect(lines.map((l) => l.kind)).toEqual(smsKinds);
  expect(lines.every((l) => l.to === '13800138000')).toBe(true);
  expect(new Set(lines.map((l) => l.id)).size).toBe(lines.length);
  const invitation = story.at(-1)!;
  expect(lines.at(-1)!.text).toContain(story.at(-2)!.title.zh);
  expect(lines.at(-1)!.text).toContain(invitation.title.zh);
  // Another dispatch sends nothing again.
  expect(await t.runtime.notifications.dispatchSms()).toBe(0);
  expect(smsLines().filter((l) => l.applicationId === id)).toHaveLength(smsKinds.length);

  // Marking read: the owner's message, 200 (twice too); not the owner's, 404.
  const one = notes[0]!;
  expect(await citizen.request('POST', `/v1/notifications/${one.id}/read`)).toMatchObject({ id: one.id, read: true });
  expect(await citizen.request('POST', `/v1/notifications/${one.id}/read`)).toMatchObject({ read: true });
  await expect(stranger.request('POST', `/v1/notifications/${one.id}/read`)).rejects.toMatchObject({ status: 404 });
  expect((await allNotes(citizen)).filter((n) => n.read).map((n) => n.id)).toEqual([one.id]);
});

test('a proxy-submitted application notifies the proxy in-app and the person it is for by SMS', async () => {
  const proxy = await t.api.login({ role: 'proxy', sub: 'loop-proxy' });
  const service = await getService(t.api, 'newborn');
  const materials = await Promise.all(
    service.materials
      .filter((m) => m.required && !m.replacedBySharedData)
      .map(async (m) => ({ materialId: m.id, uploadId: await proxy.upload(service.id, fileFor(m)) })),
  );
  const form = service.formSchema.examples[0] as { contact: { phone: string } };
  const { id } = await proxy.request<{ id: string }>('POST', '/v1/applications', {
    serviceId: service.id,
    form,
    materials,
    onBehalfOf: { name: '王秀英', idNumber: '410102198503150010', relation: '祖母' },
  });
  // Newborn is staged (issue 15): only the first stage's branches open at intake.
  await waitForBranches(proxy, id, firstStage(service).length);
  await proxy.request('POST', `/v1/applications/${id}/withdraw`);

  const notes = await eventually(async () => {
    const n = (await allNotes(proxy)).filter((x) => x.applicationId === id);
    return n.length ? n : undefined;
  }, 'the withdrawal notice');
  expect(notes.map((n) => n.kind)).toEqual(['withdrawal-confirmed']);
  expect(notes[0]!.body.zh).toContain('已撤回');
  const lines = await eventually(async () => {
    const l = smsLines().filter((x) => x.applicationId === id);
    return l.length ? l : undefined;
  }, 'the withdrawal SMS');
  expect(lines.map((l) => [l.kind, l.to])).toEqual([['withdrawal-confirmed', form.contact.phone]]);
});
