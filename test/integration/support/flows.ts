import { OneThingClient, sampleFileFor, type MaterialFile } from '../../../local/client';
import { eventually } from './runtime';

export interface ServiceDoc {
  id: string;
  version: number;
  departments: Array<{ id: string; timeLimitWorkingDays: number; after?: string[] }>;
  formSchema: { examples: unknown[] };
  materials: Array<{ id: string; required: boolean; accept: string[]; maxBytes: number; replacedBySharedData: boolean | string | null }>;
}

export const getService = (api: OneThingClient, id: string) => api.request<ServiceDoc>('GET', `/v1/services/${id}`);

/** A file of the first accepted type for a material. */
export const fileFor = (material: ServiceDoc['materials'][number]): MaterialFile => sampleFileFor(material);

/** Uploads every material the example form still needs (those not replaced by shared data). */
export async function uploadNeeded(citizen: OneThingClient, service: ServiceDoc): Promise<Array<{ materialId: string; uploadId: string }>> {
  const needed = service.materials.filter((m) => m.required && !m.replacedBySharedData);
  const out: Array<{ materialId: string; uploadId: string }> = [];
  for (const m of needed) out.push({ materialId: m.id, uploadId: await citizen.upload(service.id, fileFor(m)) });
  return out;
}

/** Submits the service's example form with its materials; returns the application id. */
export async function submitExample(citizen: OneThingClient, service: ServiceDoc, idempotencyKey?: string): Promise<string> {
  const materials = await uploadNeeded(citizen, service);
  const res = await citizen.request<{ id: string; status: string }>(
    'POST',
    '/v1/applications',
    { serviceId: service.id, form: service.formSchema.examples[0], materials },
    idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
  );
  return res.id;
}

export const getApplication = (api: OneThingClient, id: string) => api.request<any>('GET', `/v1/applications/${id}`);

/** Waits until the application's branches are all open (the state machine reached the departments). */
export function waitForBranches(api: OneThingClient, id: string, count: number): Promise<any> {
  return eventually(async () => {
    const app = await getApplication(api, id);
    const open = app.branches.filter((b: any) => b.status === 'open');
    return open.length === count ? app : undefined;
  }, `${count} open branches of ${id}`);
}

export function waitForStatus(api: OneThingClient, id: string, status: string): Promise<any> {
  return eventually(async () => {
    const app = await getApplication(api, id);
    return app.status === status ? app : undefined;
  }, `application ${id} to be ${status}`);
}

/** The officer's task for an application, from the department inbox. */
export async function findTask(officer: OneThingClient, dept: string, applicationId: string, status = 'open'): Promise<any> {
  return eventually(async () => {
    const inbox = await officer.request<{ items: any[] }>('GET', `/v1/departments/${dept}/tasks?status=${status}&limit=100`);
    return inbox.items.find((t) => t.applicationId === applicationId);
  }, `task of ${dept} for ${applicationId}`);
}

export async function decide(officer: OneThingClient, taskId: string, body: Record<string, unknown>): Promise<any> {
  return officer.request('POST', `/v1/tasks/${taskId}/decision`, body);
}

// ---- staged services (issue 15) ----

/** Valid results for the departments of the seed services that declare some (an approval must carry the required ones). */
export const EXAMPLE_RESULTS: Readonly<Record<string, Record<string, string>>> = {
  health: { birthCertificateNo: 'Q410012345' },
  'public-security': { householdNo: '410183001234' },
  'natural-resources': { planningPermitNo: '建字第410183202600012号' },
};

/** Services whose departments hand results forward (public security hands none in school enrolment). */
const SERVICES_WITH_RESULTS = new Set(['newborn', 'construction-permit']);

/** The departments that open at intake: those without prerequisites (all of a flat service). */
export const firstStage = (service: { departments: Array<{ id: string; after?: string[] }> }): string[] =>
  service.departments.filter((d) => (d.after ?? []).length === 0).map((d) => d.id);

/**
 * Approves every department as its stage opens, with the results it must hand forward, until
 * the application is approved (a flat service: all at once).
 */
export async function approveInOrder(api: OneThingClient, citizen: OneThingClient, id: string, comment = '符合条件'): Promise<any> {
  const approved = new Set<string>();
  for (;;) {
    const app = await getApplication(citizen, id);
    if (app.status === 'approved') return app;
    const open = app.branches.filter((b: any) => b.status === 'open' && !approved.has(b.department));
    for (const b of open) {
      const officer = await api.login({ role: 'officer', sub: `o-${b.department}`, dept: b.department });
      const results = SERVICES_WITH_RESULTS.has(app.serviceId) ? EXAMPLE_RESULTS[b.department] : undefined;
      await decide(officer, (await findTask(officer, b.department, id)).taskId, {
        decision: 'approve',
        comment,
        ...(results ? { results } : {}),
      });
      approved.add(b.department);
    }
    if (open.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
