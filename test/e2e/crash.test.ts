import { OneThingClient } from '../../local/client';
import { decide, findTask, getService, submitExample, waitForBranches, waitForStatus } from '../integration/support/flows';
import { platformProcess } from '../integration/support/platform-process';
import { testSeed } from '../integration/support/seed';
import fc from 'fast-check';

/** Chooses the order of the burst of decisions and how many of them are answered before the kill. */
const SEED = testSeed('crash', 7);

test(`kill -9 of the whole runtime mid-flight loses no application, decision or log event (seed ${SEED})`, async () => {
  // `npm start` as a child process on its own data folder and ports, killed and restarted on them.
  const platform = await platformProcess({ clockStart: '2026-09-30T02:00:00Z' });
  try {
    await platform.start();
    const api = new OneThingClient(platform.url);
    const citizen = await api.login({ role: 'citizen', sub: 'crash-parent' });
    const service = await getService(api, 'school-enrolment');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await submitExample(citizen, service, `crash-${i}`));
    for (const id of ids) await waitForBranches(citizen, id, service.departments.length);

    const officers = await Promise.all(service.departments.map((d) => api.login({ role: 'officer', sub: `o-${d.id}`, dept: d.id })));
    const tasks: Array<{ officer: OneThingClient; taskId: string }> = [];
    for (const id of ids) {
      for (const [i, d] of service.departments.entries())
        tasks.push({ officer: officers[i]!, taskId: (await findTask(officers[i]!, d.id, id)).taskId });
    }
    // A burst of decisions in the seed's order; the kill lands once the seed's number of them is answered.
    const [plan] = fc.sample(
      fc.record({
        order: fc.shuffledSubarray(tasks, { minLength: tasks.length }),
        answered: fc.integer({ min: 1, max: tasks.length - 1 }),
      }),
      { seed: SEED, numRuns: 1 },
    );
    const burst = plan!.order.map(({ officer, taskId }) => decide(officer, taskId, { decision: 'approve', comment: 'ok' }));
    await Promise.all(burst.slice(0, plan!.answered)); // these are through; the rest are in flight
    await platform.kill();
    await Promise.allSettled(burst);
    // (How many decisions were answered before the kill varies; the guarantees below must hold for any.)

    await platform.start();
    // The officers repeat every decision, unsure which ones the crash swallowed: a recorded one
    // is answered again (same decision, 200), never duplicated.
    for (const { officer, taskId } of tasks) await decide(officer, taskId, { decision: 'approve', comment: 'ok' });
    for (const id of ids) {
      const done = await waitForStatus(citizen, id, 'approved');
      for (const d of service.departments) {
        const events = done.timeline.filter((e: any) => e.department === d.id);
        expect(events.filter((e: any) => e.type === 'branch-opened')).toHaveLength(1);
        expect(events.filter((e: any) => e.type === 'decided')).toHaveLength(1);
      }
      expect(done.timeline.filter((e: any) => e.type === 'submitted')).toHaveLength(1);
      expect(done.timeline.filter((e: any) => e.type === 'completed')).toHaveLength(1);
    }
  } catch (error) {
    throw new Error(`seed ${SEED}: ${String(error)}\n--- runtime output (last 40 lines) ---\n${platform.output(40)}`);
  } finally {
    await platform.dispose();
  }
}, 180_000);
