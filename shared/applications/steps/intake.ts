import { stagesOf } from '../../../workflows/stages';
import { NotFoundError } from '../../errors';
import type { Context } from '../context';
import { openedEvent } from '../branch-events';
import { branchDates } from '../timing';
import type { IntakeInput } from './schemas';

export interface IntakeOutput {
  branches: Record<string, { dueAt: string; warnAt: string; nextCheckpointAt: string }>;
}

/**
 * First state, and the opening step of each later stage of a staged service: the due and
 * warning instants of the stage's branches (`input.departments`, else the first stage), opened now. The first wait of
 * a branch times out at `nextCheckpointAt` (= `warnAt`). It logs every `branch-opened` in
 * one append: the branches start together, and appending from each of them would race for
 * the same sequence numbers (each branch's wait still ensures its event, by key).
 */
export async function intake(ctx: Context, input: IntakeInput): Promise<IntakeOutput> {
  const app = await applicationOf(ctx, input);
  const def = ctx.catalog.getServiceVersion(input.serviceId, input.serviceVersion);
  const now = ctx.clock.now();
  const opening = input.departments ?? (stagesOf(def)[0] ?? []).map((d) => d.id);
  for (const dept of opening) {
    if (!def.departments.some((d) => d.id === dept)) throw new NotFoundError(`service ${def.id}@${def.version} has no department ${dept}`);
  }
  const branches = Object.fromEntries(
    opening.map((d) => {
      const { dueAt, warnAt } = branchDates(ctx.calendar, def, d, now);
      return [d, { dueAt, warnAt, nextCheckpointAt: warnAt }];
    }),
  );
  await ctx.log.appendAll(
    app.id,
    Object.entries(branches).map(([dept, dates]) => openedEvent({ ...app, department: dept, dueAt: dates.dueAt, warnAt: dates.warnAt })),
  );
  return { branches };
}

/**
 * What the events need of the application. The execution input carries it (the execution is
 * named by the application id and started only after the application was stored: submit and
 * reconcile), so a machine that passes `walkthrough` saves a read per application.
 */
async function applicationOf(ctx: Context, input: IntakeInput): Promise<{ id: string; serviceId: string; walkthrough: boolean }> {
  if (input.walkthrough !== undefined) return { id: input.applicationId, serviceId: input.serviceId, walkthrough: input.walkthrough };
  const app = await ctx.apps.get(input.applicationId);
  if (!app) throw new NotFoundError(`application ${input.applicationId} not found`);
  return app;
}
