import crypto from 'node:crypto';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { fileFor, getService, uploadNeeded, type ServiceDoc } from '../support/flows';
import type { OneThingClient } from '../../../local/client';

let t: TestRuntime;
let citizen: OneThingClient;
let service: ServiceDoc;
beforeAll(async () => {
  t = await startTestRuntime();
  citizen = await t.api.login({ role: 'citizen', sub: 'careless' });
  // Construction permits need uploads that shared data cannot replace (drawings, contracts).
  service = await getService(t.api, 'construction-permit');
});
afterAll(() => t.close());

afterEach(async () => {
  // Nothing of a rejected submission is stored.
  const list = await citizen.request<{ items: unknown[] }>('GET', '/v1/applications');
  expect(list.items).toHaveLength(0);
});

const problem = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected an error response');
    },
    (e: { status: number; problem: any }) => ({ status: e.status, ...e.problem }),
  );

const example = () => structuredClone(service.formSchema.examples[0]) as Record<string, any>;
const uploadable = () => service.materials.find((m) => m.required && !m.replacedBySharedData)!;

/** Submits the example with every needed material, the given (bad) one first as materials[0]. */
async function submitWithFirst(bad: { materialId: string; uploadId: string }) {
  const others = (await uploadNeeded(citizen, service)).filter((m) => m.materialId !== bad.materialId);
  return problem(citizen.request('POST', '/v1/applications', { serviceId: service.id, form: example(), materials: [bad, ...others] }));
}

/** The dotted path of the first resident ID number in the example form. */
function idNumberPath(value: unknown, prefix = 'form'): string | undefined {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = `${prefix}.${k}`;
      if (typeof v === 'string' && /^\d{17}[\dX]$/.test(v)) return p;
      const inner = idNumberPath(v, p);
      if (inner) return inner;
    }
  }
  return undefined;
}

test('malformed JSON -> 400 problem+json', async () => {
  const res = await problem(citizen.request('POST', '/v1/applications', '{"serviceId": "school-enrolment",'));
  expect(res.status).toBe(400);
  expect(res.title).toEqual(expect.any(String));
});

test('a wrong ID-number check character -> 422 naming the field', async () => {
  const form = example();
  const path = idNumberPath(form)!;
  const keys = path.split('.').slice(1);
  const parent = keys.slice(0, -1).reduce((o, k) => o[k], form);
  const id: string = parent[keys[keys.length - 1]!];
  parent[keys[keys.length - 1]!] = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
  const res = await problem(
    citizen.request('POST', '/v1/applications', { serviceId: service.id, form, materials: await uploadNeeded(citizen, service) }),
  );
  expect(res.status).toBe(422);
  expect(res.errors.map((e: any) => e.path)).toContain(path);
});

test('a missing required material -> 422 naming it', async () => {
  const all = await uploadNeeded(citizen, service);
  const withoutOne = all.filter((m) => m.materialId !== uploadable().id);
  const res = await problem(citizen.request('POST', '/v1/applications', { serviceId: service.id, form: example(), materials: withoutOne }));
  expect(res.status).toBe(422);
  expect(JSON.stringify(res.errors)).toContain(uploadable().id);
});

test('bytes that do not match the declared sha256 -> 422 naming the material', async () => {
  const m = uploadable();
  const declared = fileFor(m);
  const ticket = await citizen.request('POST', '/v1/uploads', {
    serviceId: service.id,
    materialId: m.id,
    contentType: declared.contentType,
    sizeBytes: declared.bytes.length,
    sha256: crypto.createHash('sha256').update(declared.bytes).digest('hex'),
  });
  const tampered = Buffer.from(declared.bytes);
  tampered[tampered.length - 2]! ^= 0xff;
  await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: tampered });
  const res = await submitWithFirst({ materialId: m.id, uploadId: ticket.uploadId });
  expect(res.status).toBe(422);
  expect(res.errors.map((e: any) => e.path)).toEqual([expect.stringMatching(/^materials\[0\]/)]);
});

test('a file disguised as another type -> 422', async () => {
  const m = uploadable();
  const exe = Buffer.concat([Buffer.from('MZ'), crypto.randomBytes(64)]);
  const uploadId = await citizen.upload(service.id, { materialId: m.id, contentType: m.accept[0] as 'application/pdf', bytes: exe });
  const res = await submitWithFirst({ materialId: m.id, uploadId });
  expect(res.status).toBe(422);
  expect(res.errors.map((e: any) => e.path)).toEqual([expect.stringMatching(/^materials\[0\]/)]);
});

test('an oversize upload is refused before any byte is stored', async () => {
  const m = uploadable();
  const res = await problem(
    citizen.request('POST', '/v1/uploads', {
      serviceId: service.id,
      materialId: m.id,
      contentType: m.accept[0],
      sizeBytes: m.maxBytes + 1,
      sha256: 'a'.repeat(64),
    }),
  );
  expect(res.status).toBe(422);
  expect(res.errors.map((e: any) => e.path)).toContain('sizeBytes');
});

test('an unknown service -> 404', async () => {
  const res = await problem(citizen.request('POST', '/v1/applications', { serviceId: 'no-such-service', form: {}, materials: [] }));
  expect(res.status).toBe(404);
});
