/**
 * Ctrl-C on `npm start` (the default local transport: dynalite in a worker thread): the
 * runtime closes its store, the thread and its ports and exits 0; a start on the same data
 * folder finds nothing to repair and carries the application left open to its end.
 */
import net from 'node:net';
import { OneThingClient } from '../../local/client';
import { decide, findTask, getService, submitExample, waitForBranches, waitForStatus } from '../integration/support/flows';
import { platformProcess } from '../integration/support/platform-process';

/** Whether something still accepts connections on the port. */
const listening = (url: string) =>
  new Promise<boolean>((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = net.connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

test.each(['SIGINT', 'SIGTERM'] as const)('%s stops the runtime cleanly and a restart resumes the open application', async (signal) => {
  const platform = await platformProcess({ clockStart: '2026-09-30T02:00:00Z' });
  try {
    await platform.start();
    const api = new OneThingClient(platform.url);
    const citizen = await api.login({ role: 'citizen', sub: `stop-${signal}` });
    const service = await getService(api, 'school-enrolment');
    const depts = service.departments.map((d) => d.id);
    const approve = async (id: string, dept: string) => {
      const officer = await api.login({ role: 'officer', sub: `o-${dept}`, dept });
      await decide(officer, (await findTask(officer, dept, id)).taskId, { decision: 'approve', comment: 'ok' });
    };
    const id = await submitExample(citizen, service);
    await waitForBranches(citizen, id, depts.length);
    for (const dept of depts.slice(0, 2)) await approve(id, dept);

    expect(await platform.stop(signal)).toBe(0);
    expect(platform.output()).toMatch(new RegExp(`${signal}: stopping…\\nstopped\\.`));
    // Every port is released, the DynamoDB thread's own included.
    expect([await listening(platform.url), await listening(platform.dynamodbUrl)]).toEqual([false, false]);

    await platform.start();
    // A clean stop leaves LevelDB and its indexes whole: the start repairs nothing.
    expect(platform.output(1000)).not.toMatch(/repaired indexes/);
    for (const dept of depts.slice(2)) await approve(id, dept);
    const app = await waitForStatus(citizen, id, 'approved');
    expect(app.timeline.map((e: { type: string }) => e.type)).toEqual([
      'submitted',
      ...depts.map(() => 'branch-opened'),
      ...depts.map(() => 'decided'),
      'completed',
    ]);
  } catch (error) {
    throw new Error(`${String(error)}\n--- runtime output ---\n${platform.output()}`);
  } finally {
    await platform.dispose();
  }
});
