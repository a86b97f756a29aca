import type { Principal } from '../auth/principal';
import { NotFoundError } from '../errors';
import { applicationProblem } from '../i18n';
import { readerOf } from './access';
import type { Context } from './context';
import type { ApplicationSummary, ApplicationView, MaterialLink } from './schemas';
import { applicationDueAt, applicationSummary, applicationView } from './views';

/** `GET /v1/applications/{id}`: one Query for the application and its tasks, one for its timeline. */
export async function getApplication(ctx: Context, p: Principal, id: string): Promise<ApplicationView> {
  const [{ application, tasks }, events] = await Promise.all([ctx.apps.getWithTasks(id), ctx.log.list(id)]);
  const { app, reader } = readerOf(p, application, tasks, id);
  const def = ctx.catalog.getServiceVersion(app.serviceId, app.serviceVersion);
  return applicationView(def, app, tasks, events, reader, ctx.clock.now(), ctx.calendar);
}

/**
 * `GET /v1/applications`: the caller's own applications, newest first, each with the same
 * status as its detail view (one status everywhere): applications not yet final read their
 * tasks too, in parallel (one Query each); final ones need only the list Query.
 */
export async function listApplications(
  ctx: Context,
  p: Principal,
  q: { limit: number; cursor?: string },
): Promise<{ items: ApplicationSummary[]; nextCursor?: string }> {
  const page = await ctx.apps.listByOwner(p.sub, q.limit, q.cursor);
  const items = await Promise.all(
    page.items.map(async (app) => {
      if (app.status !== 'submitted') return applicationSummary(app);
      const { tasks } = await ctx.apps.getWithTasks(app.id);
      const def = ctx.catalog.getServiceVersion(app.serviceId, app.serviceVersion);
      return applicationSummary(app, tasks, applicationDueAt(def, ctx.calendar, app, tasks, ctx.clock.now()));
    }),
  );
  return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

/**
 * `GET /v1/applications/{id}/materials/{materialId}`: a 5-minute link for the applicant,
 * officers whose department sees that material, and inspectors.
 */
export async function materialLink(ctx: Context, p: Principal, id: string, materialId: string): Promise<MaterialLink> {
  const { application, tasks } = await ctx.apps.getWithTasks(id);
  const { app, reader } = readerOf(p, application, tasks, id);
  const material = app.materials.find((m) => m.materialId === materialId);
  const def = ctx.catalog.getServiceVersion(app.serviceId, app.serviceVersion);
  const allowed =
    reader.kind !== 'officer' || (def.departments.find((d) => d.id === reader.dept)?.sees.materials ?? []).includes(materialId);
  if (!material || !allowed) throw new NotFoundError(applicationProblem('material-not-found', { materialId, id }));
  return ctx.docs.presignDownload(material.key);
}
