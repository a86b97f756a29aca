/**
 * Versioning (issue 15): an application in flight keeps the version it was submitted under
 * across a deployment that changes the definition's stages and limits. The runtime runs
 * first with only the flat newborn v1, then restarts on the same data with the seed catalog,
 * whose current newborn is the staged v2.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCatalog, definitions, seedCatalog } from '../../../workflows/catalog';
import { newbornV1 } from '../../../workflows/services/newborn';
import {
  approveInOrder,
  decide,
  findTask,
  firstStage,
  getApplication,
  getService,
  submitExample,
  waitForBranches,
  waitForStatus,
} from '../support/flows';
import { startTestRuntime } from '../support/runtime';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onething-versions-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

test('an application submitted under v1 finishes under v1 after v2 (staged, other limits) is deployed; new ones get v2', async () => {
  const before = await startTestRuntime({
    dataDir,
    catalog: createCatalog(definitions.filter((d) => d.id !== 'newborn' || d.version === 1)),
  });
  let inFlight: string;
  let v1Dues: Record<string, string>;
  try {
    const citizen = await before.api.login({ role: 'citizen', sub: 'parent-versions' });
    const v1 = await getService(before.api, 'newborn');
    expect(v1.version).toBe(1);
    inFlight = await submitExample(citizen, v1);
    // Flat v1: all four branches open at once, under v1's limits.
    const opened = await waitForBranches(citizen, inFlight, newbornV1.departments.length);
    v1Dues = Object.fromEntries(opened.branches.map((b: any) => [b.department, b.dueAt]));
  } finally {
    await before.close();
  }

  const after = await startTestRuntime({ dataDir, catalog: seedCatalog });
  try {
    const citizen = await after.api.login({ role: 'citizen', sub: 'parent-versions' });
    const v2 = await getService(after.api, 'newborn');
    expect(v2.version).toBe(2);
    expect(v2.departments.map((d) => d.timeLimitWorkingDays)).not.toStrictEqual(newbornV1.departments.map((d) => d.timeLimitWorkingDays));

    const kept = await getApplication(citizen, inFlight);
    expect(kept.serviceVersion).toBe(1);
    expect(kept.branches.map((b: any) => [b.department, b.status, b.dueAt])).toStrictEqual(
      newbornV1.departments.map((d) => [d.id, 'open', v1Dues[d.id]]),
    );
    // v1 declares no results: its approvals carry none, and all four decide in parallel.
    for (const d of newbornV1.departments) {
      const officer = await after.api.login({ role: 'officer', sub: `o-${d.id}`, dept: d.id });
      await decide(officer, (await findTask(officer, d.id, inFlight)).taskId, { decision: 'approve', comment: '按原版本办结' });
    }
    const done = await waitForStatus(citizen, inFlight, 'approved');
    expect(done.serviceVersion).toBe(1);
    expect(done.timeline.filter((e: any) => e.type === 'decided').every((e: any) => e.detail.results === undefined)).toBe(true);

    // A new application gets v2: staged, health first.
    const fresh = await submitExample(citizen, v2);
    const staged = await waitForBranches(citizen, fresh, firstStage(v2).length);
    expect(staged.serviceVersion).toBe(2);
    expect(staged.branches.map((b: any) => b.status)).toStrictEqual(['open', 'pending', 'pending', 'pending']);
    await approveInOrder(after.api, citizen, fresh);
  } finally {
    await after.close();
  }
});
