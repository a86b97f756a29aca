import { createHash } from 'node:crypto';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { sampleFiles, type OneThingClient } from '../../../local/client';
import { scanAll } from '../../../local/seed/store';
import { failNext } from '../support/faults';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { getEvent, waitFor, type AnyView } from './support';

// A 12345 report's photos: uploaded as material `photo` of the event service, verified and
// copied under events/<id>/ at submission, read back through a 5-minute link.
let t: TestRuntime;
let citizen: OneThingClient;
beforeAll(async () => {
  t = await startTestRuntime();
  citizen = await t.api.login({ role: 'citizen', sub: 'c-photos' });
});
afterAll(() => t.close());

const SERVICE = 'citizen-hotline';
const png = () => ({ materialId: 'photo', contentType: 'image/png' as const, bytes: sampleFiles.png() });
const jpeg = () => ({ materialId: 'photo', contentType: 'image/jpeg' as const, bytes: sampleFiles.jpeg() });
const body = (photos: Array<{ uploadId: string }>) => ({
  category: 'garbage-collection',
  description: '垃圾桶满溢，见照片',
  location: { street: 'jiyuanlu', address: '昌盛小区3号楼' },
  contact: { name: '魏女士', phone: '13800000000' },
  photos,
});
const problem = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected an error response');
    },
    (e: { status: number; problem: any }) => ({ status: e.status, ...e.problem }),
  );
const paths = (res: { errors?: Array<{ path: string }> }) => (res.errors ?? []).map((e) => e.path);

/** What the store holds of events: items of the main table and photo objects in the bucket. */
async function stored(): Promise<{ events: number; photoObjects: number }> {
  const { ddb, s3, config } = t.runtime.deps;
  const items = await scanAll<{ pk: string }>(ddb, config.tableName);
  const objects = await s3.send(new ListObjectsV2Command({ Bucket: config.materialsBucket, Prefix: 'events/' }));
  return { events: items.filter((i) => i.pk.startsWith('EVT#')).length, photoObjects: objects.KeyCount ?? 0 };
}

test('a report with two photos: the event shows them, the reporter, the dispatched department and inspectors read them, nobody else', async () => {
  const ids = [await citizen.upload(SERVICE, png()), await citizen.upload(SERVICE, jpeg())];
  const { id } = await citizen.request<{ id: string }>('POST', '/v1/events', body(ids.map((uploadId) => ({ uploadId }))));
  const view: AnyView = await getEvent(citizen, id);
  expect(view.photos).toEqual([
    { n: 1, contentType: 'image/png', sizeBytes: sampleFiles.png().length, href: `/v1/events/${id}/photos/1` },
    { n: 2, contentType: 'image/jpeg', sizeBytes: sampleFiles.jpeg().length, href: `/v1/events/${id}/photos/2` },
  ]);
  // Never a bucket key or an upload id: the bytes only through the photo route.
  expect(JSON.stringify(view)).not.toMatch(/photo-\d|uploads\/|"key"|U[0-9A-Z]{26}/);
  expect(view.timeline.find((e: { type: string }) => e.type === 'submitted').detail).toMatchObject({ photos: 2 });

  const link = await citizen.request<{ url: string; expiresAt: string }>('GET', `/v1/events/${id}/photos/2`);
  const bytes = Buffer.from(await (await fetch(link.url)).arrayBuffer());
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(createHash('sha256').update(sampleFiles.jpeg()).digest('hex'));

  const dept = (await waitFor(citizen, id, 'dispatched')).department as string;
  const officer = await t.api.login({ role: 'officer', sub: 'o-photos', dept });
  const inbox = await officer.request<AnyView>('GET', `/v1/departments/${dept}/events?status=open`);
  expect(inbox.items.find((e: { id: string }) => e.id === id).photos).toHaveLength(2);
  const officerLink = await officer.request<{ url: string }>('GET', `/v1/events/${id}/photos/1`);
  expect(Buffer.from(await (await fetch(officerLink.url)).arrayBuffer())).toEqual(sampleFiles.png());

  const inspector = await t.api.login({ role: 'inspector', sub: 'i-photos' });
  expect(await inspector.request('GET', `/v1/events/${id}/photos/1`)).toMatchObject({ url: expect.any(String) });
  // The inspector's read is in the access log (ACCESS# chain of the audit table).
  const { ddb, config } = t.runtime.deps;
  const reads = (await scanAll<{ pk: string; route?: string }>(ddb, config.auditTableName)).filter((i) => i.pk.startsWith('ACCESS#'));
  expect(JSON.stringify(reads)).toContain('get-event-photo');

  // Another department's officer and another citizen: not theirs (404); a photo it has not: 404.
  const other = await t.api.login({ role: 'officer', sub: 'o-other', dept: dept === 'water' ? 'housing' : 'water' });
  expect((await problem(other.request('GET', `/v1/events/${id}/photos/1`))).status).toBe(404);
  const stranger = await t.api.login({ role: 'citizen', sub: 'c-stranger' });
  expect((await problem(stranger.request('GET', `/v1/events/${id}/photos/1`))).status).toBe(404);
  expect((await problem(citizen.request('GET', `/v1/events/${id}/photos/3`))).status).toBe(404);
});

test('the same Idempotency-Key with the same photos replays the event: one item, the same two photo objects', async () => {
  const ids = [await citizen.upload(SERVICE, png()), await citizen.upload(SERVICE, jpeg())];
  const before = await stored();
  const key = { 'idempotency-key': 'photos-retry-1' };
  const req = body(ids.map((uploadId) => ({ uploadId })));
  const first = await citizen.request<{ id: string }>('POST', '/v1/events', req, key);
  const again = await citizen.request<{ id: string }>('POST', '/v1/events', req, key);
  expect(again.id).toBe(first.id);
  expect(await stored()).toEqual({ events: before.events + 1, photoObjects: before.photoObjects + 2 });
  expect((await getEvent(citizen, first.id)).photos).toHaveLength(2);
});

describe('a crash in the attach step, then the retry with the same Idempotency-Key', () => {
  const isEventPut = (command: string, input: Record<string, any>) =>
    ['PutCommand', 'PutItemCommand'].includes(command) && String(input.Item?.pk?.S ?? input.Item?.pk ?? '').startsWith('EVT#');

  test.each([
    ['the second photo’s copy fails (one photo copied, no event)', 's3' as const, (command: string) => command === 'CopyObjectCommand', 1],
    ['the event’s put fails after both copies (orphan photos, no event)', 'ddb' as const, isEventPut, 2],
  ])('%s: the retry stores one event naming both photos, over the same keys', async (_, client, matches, copiedBefore) => {
    const ids = [await citizen.upload(SERVICE, png()), await citizen.upload(SERVICE, jpeg())];
    const req = body(ids.map((uploadId) => ({ uploadId })));
    const key = { 'idempotency-key': `photos-crash-${client}` };
    const before = await stored();
    // For the copy: let the first one through, fail the second.
    let seen = 0;
    const fault = failNext(
      t.runtime.deps,
      client,
      (command, input) => matches(command, input) && (client !== 's3' || ++seen === 2),
      'before',
    );
    await expect(citizen.request('POST', '/v1/events', req, key)).rejects.toMatchObject({ status: 503 });
    expect(fault.fired()).toBe(true);
    expect(await stored()).toEqual({ events: before.events, photoObjects: before.photoObjects + copiedBefore });

    const { id } = await citizen.request<{ id: string }>('POST', '/v1/events', req, key);
    expect(await stored()).toEqual({ events: before.events + 1, photoObjects: before.photoObjects + 2 });
    expect((await getEvent(citizen, id)).photos.map((p: { contentType: string }) => p.contentType)).toEqual(['image/png', 'image/jpeg']);
    const link = await citizen.request<{ url: string }>('GET', `/v1/events/${id}/photos/1`);
    expect(Buffer.from(await (await fetch(link.url)).arrayBuffer())).toEqual(sampleFiles.png());
  });
});

describe('bad photos: 422 naming the field, nothing stored', () => {
  let before: { events: number; photoObjects: number };
  beforeEach(async () => {
    before = await stored();
  });
  afterEach(async () => {
    expect(await stored()).toEqual(before);
  });

  test('upload tickets: the event service has only the photo slot, for images up to its cap', async () => {
    const ticket = (over: Record<string, unknown>) =>
      problem(
        citizen.request('POST', '/v1/uploads', {
          serviceId: SERVICE,
          materialId: 'photo',
          contentType: 'image/png',
          sizeBytes: 100,
          sha256: 'a'.repeat(64),
          ...over,
        }),
      );
    expect(await ticket({ materialId: 'birth-certificate' })).toMatchObject({ status: 422 });
    expect(paths(await ticket({ materialId: 'birth-certificate' }))).toEqual(['materialId']);
    expect(paths(await ticket({ contentType: 'application/pdf' }))).toEqual(['contentType']);
    expect(paths(await ticket({ sizeBytes: 5 * 1024 * 1024 + 1 }))).toEqual(['sizeBytes']);
  });

  test('another citizen’s upload, a one-thing material, bytes that are not the declared type', async () => {
    const someoneElse = await (await t.api.login({ role: 'citizen', sub: 'c-else' })).upload(SERVICE, png());
    const material = await citizen.upload('newborn', { materialId: 'child-photo', contentType: 'image/png', bytes: sampleFiles.png() });
    const disguised = await citizen.upload(SERVICE, { materialId: 'photo', contentType: 'image/png', bytes: sampleFiles.jpeg() });
    const refs = [someoneElse, disguised, material].map((uploadId) => ({ uploadId }));
    const res = await problem(citizen.request('POST', '/v1/events', body(refs)));
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual(refs.map((_, i) => `photos[${i}].uploadId`));
  });

  test('too many, repeated, or not an upload id', async () => {
    const one = await citizen.upload(SERVICE, png());
    const seven = Array.from({ length: 7 }, () => ({ uploadId: one }));
    expect(paths(await problem(citizen.request('POST', '/v1/events', body(seven))))).toEqual(['photos']);
    const twice = await problem(citizen.request('POST', '/v1/events', body([{ uploadId: one }, { uploadId: one }])));
    expect({ status: twice.status, paths: paths(twice) }).toEqual({ status: 422, paths: ['photos[1].uploadId'] });
    expect(paths(await problem(citizen.request('POST', '/v1/events', body([{ uploadId: 'not-an-upload' }]))))).toEqual([
      'photos[0].uploadId',
    ]);
  });
});
