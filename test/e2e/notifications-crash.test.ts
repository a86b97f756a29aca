import fs from 'node:fs';
import path from 'node:path';
import { OneThingClient } from '../../local/client';
import { decide, findTask, getService, submitExample, waitForBranches, waitForStatus } from '../integration/support/flows';
import { platformProcess } from '../integration/support/platform-process';
import { eventually } from '../integration/support/runtime';

/**
 * kill -9 of `npm start` while decisions (each: event, then its notification) are in flight:
 * after the restart and the officers' retries, every application has each notification once,
 * and the SMS outbox file each message once.
 */
test('kill -9 between events and their notifications: after restart each notification and each SMS exists once', async () => {
  const platform = await platformProcess({ clockStart: '2026-11-02T02:00:00Z' });
  try {
    await platform.start();
    const api = new OneThingClient(platform.url);
    const citizen = await api.login({ role: 'citizen', sub: 'kill-notes' });
    const service = await getService(api, 'school-enrolment');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await submitExample(citizen, service, `kill-notes-${i}`));
    for (const id of ids) await waitForBranches(citizen, id, service.departments.length);
    const officers = await Promise.all(service.departments.map((d) => api.login({ role: 'officer', sub: `k-${d.id}`, dept: d.id })));
    const tasks: Array<{ officer: OneThingClient; taskId: string }> = [];
    for (const id of ids)
      for (const [i, d] of service.departments.entries())
        tasks.push({ officer: officers[i]!, taskId: (await findTask(officers[i]!, d.id, id)).taskId });

    const burst = tasks.map(({ officer, taskId }) => decide(officer, taskId, { decision: 'approve', comment: '同意' }));
    await Promise.all(burst.slice(0, 5));
    await platform.kill();
    await Promise.allSettled(burst);

    await platform.start();
    for (const { officer, taskId } of tasks) await decide(officer, taskId, { decision: 'approve', comment: '同意' });
    const expected = [...service.departments.map(() => 'department-decision'), 'result', 'evaluation-invitation'].sort();
    for (const id of ids) {
      await waitForStatus(citizen, id, 'approved');
      const kinds = await eventually(async () => {
        const page = await citizen.request('GET', '/v1/notifications?limit=100');
        const k = page.items.filter((n: any) => n.applicationId === id).map((n: any) => n.kind as string);
        return k.length >= expected.length ? k.sort() : undefined;
      }, `the notifications of ${id}`);
      expect(kinds).toEqual(expected);
    }
    const file = path.join(platform.dataDir, 'sms-outbox.jsonl');
    const lines = await eventually(async () => {
      const l = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
      return l.length >= ids.length ? l.map((x) => JSON.parse(x) as { id: string; applicationId: string; kind: string }) : undefined;
    }, 'the SMS lines');
    expect(new Set(lines.map((l) => l.id)).size).toBe(lines.length);
    for (const id of ids) expect(lines.filter((l) => l.applicationId === id).map((l) => l.kind)).toEqual(['result']);
  } catch (error) {
    throw new Error(`${String(error)}\n--- runtime output (last 40 lines) ---\n${platform.output(40)}`);
  } finally {
    await platform.dispose();
  }
});
