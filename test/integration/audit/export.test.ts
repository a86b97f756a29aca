/**
 * `GET /v1/audit/export` and `/v1/audit/public-key` on the real runtime: an export downloaded
 * over HTTP verifies offline with scripts/verify-export.ts AND with openssl; one changed byte
 * fails both; CSV is RFC 4180 with a BOM and its digest header; the key survives a restart.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { decide, findTask, getService, submitExample, waitForBranches, waitForStatus, type ServiceDoc } from '../support/flows';
import type { OneThingClient } from '../../../local/client';
import { LOCAL_KEY_FILE } from '../../../shared/audit/signer';
import { createAccessLog } from '../../../shared/audit/access-log';

const DAY = '2026-09-30';
const ROOT = path.resolve(__dirname, '../../..');
let t: TestRuntime;
let inspector: OneThingClient;
let token: string;
let service: ServiceDoc;
let work: string;
const apps: string[] = [];

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'onething-export-'));
  t = await startTestRuntime({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'onething-export-data-')) });
  ({ token } = await t.api.request<{ token: string }>('POST', '/v1/dev/tokens', { role: 'inspector', sub: 'ins-export' }));
  inspector = t.api.as(token);
  service = await getService(t.api, 'school-enrolment');
  const citizen = await t.api.login({ role: 'citizen', sub: 'export-owner' });
  for (let i = 0; i < 2; i++) {
    const id = await submitExample(citizen, service);
    await waitForBranches(citizen, id, service.departments.length);
    apps.push(id);
  }
  const dept = service.departments[0]!.id;
  const officer = await t.api.login({ role: 'officer', sub: 'export-officer', dept });
  // A comment with a comma, a quote and Chinese text: CSV quoting and UTF-8 are exercised.
  await decide(officer, (await findTask(officer, dept, apps[0]!)).taskId, { decision: 'reject', comment: '不符合条件, "户籍"不在本区' });
  await waitForStatus(citizen, apps[0]!, 'rejected');
});
afterAll(async () => {
  await t.close();
  fs.rmSync(t.dataDir, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

const readsOn = (day: string) =>
  createAccessLog({ ddb: t.runtime.deps.ddb, clock: t.runtime.deps.clock, tableName: t.runtime.deps.config.auditTableName }).onDay(day);

const download = async (query: string) => {
  const res = await fetch(`${t.api.baseUrl}/v1/audit/export?${query}`, { headers: { authorization: `Bearer ${token}` } });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
};
const save = (name: string, data: string | Buffer) => {
  const file = path.join(work, name);
  fs.writeFileSync(file, data);
  return file;
};
/**
 * Runs a command without blocking this process: it hosts the runtime too, and an event loop
 * held for seconds (spawnSync) let the server's keep-alive timer close the socket the next
 * fetch had already picked (ECONNRESET, depending on how long the command took).
 */
const run = (command: string, args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
const script = (...args: string[]) =>
  run(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'scripts/verify-export.ts'), ...args]);
const openssl = (keyFile: string, digestFile: string, sigFile: string) =>
  run('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', keyFile, '-rawin', '-in', digestFile, '-sigfile', sigFile]);

test('NDJSON: every event in time order, then a digest that verifies with the script and with openssl; one byte changed fails', async () => {
  const key = await inspector.request<{ keyId: string; algorithm: string; publicKeyPem: string }>('GET', '/v1/audit/public-key');
  expect(key.algorithm).toBe('Ed25519');
  expect(key.keyId).toMatch(/^sha256:[0-9a-f]{64}$/);
  const keyFile = save('key.pem', key.publicKeyPem);

  const { res, bytes } = await download(`from=${DAY}&to=${DAY}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
  const lines = bytes.toString('utf8').split('\n');
  expect(lines.pop()).toBe(''); // ends with a newline
  const { digest } = JSON.parse(lines.pop()!);
  const events = lines.map((l) => JSON.parse(l));
  // The same events, in the same order, as the paginated events API.
  const listed = await inspector.request<{ items: unknown[] }>('GET', `/v1/audit/events?from=${DAY}&to=${DAY}&limit=100`);
  expect(events).toEqual(listed.items);
  expect(new Set(events.map((e) => e.applicationId))).toEqual(new Set(apps));
  expect(digest).toMatchObject({ count: events.length, from: DAY, to: DAY, keyId: key.keyId });
  const signedBytes = bytes.subarray(0, bytes.length - Buffer.byteLength(`${JSON.stringify({ digest })}\n`));
  expect(digest.sha256).toBe(createHash('sha256').update(signedBytes).digest('hex'));

  const exportFile = save('export.ndjson', bytes);
  const ok = await script(exportFile, keyFile);
  expect({ status: ok.status, out: ok.stdout }).toEqual({ status: 0, out: expect.stringMatching(/^OK .*: \d+ events/) });
  expect(ok.stdout).toContain(`${events.length} events`);
  const sig = save('sig.bin', Buffer.from(digest.signature, 'base64'));
  const verified = await openssl(keyFile, save('digest.txt', digest.sha256), sig);
  expect({ status: verified.status, out: verified.stdout.trim() }).toEqual({ status: 0, out: 'Signature Verified Successfully' });

  // One byte of one event changed (a decision turned around): the script names the mismatch.
  const tampered = Buffer.from(bytes);
  const at = tampered.indexOf('"reject"');
  expect(at).toBeGreaterThan(0);
  tampered.write('"rejekt"', at);
  const bad = await script(save('tampered.ndjson', tampered), keyFile);
  expect(bad.status).toBe(1);
  expect(bad.stdout).toContain('sha256 mismatch');
  // A forger who also rewrites sha256 cannot sign it: openssl refuses the signature.
  const forgedDigest = createHash('sha256').update(tampered.subarray(0, signedBytes.length)).digest('hex');
  expect((await openssl(keyFile, save('forged.txt', forgedDigest), sig)).status).not.toBe(0);
});

test('CSV: UTF-8 BOM, header row, RFC 4180 quoting; digest in OneThing-Digest verifies; the read is logged', async () => {
  const { res, bytes } = await download(`from=${DAY}&to=${DAY}&format=csv`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
  const digest = JSON.parse(res.headers.get('onething-digest')!);
  const text = bytes.toString('utf8');
  expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  const rows = text.slice(1).split('\r\n');
  expect(rows.pop()).toBe('');
  expect(rows[0]).toBe(
    'applicationId,seq,at,type,serviceId,department,actorRole,actorSub,dueAt,workingDaysUsed,walkthrough,detail,prevHash,hash',
  );
  expect(rows).toHaveLength(digest.count + 1);
  // The officer's comment, JSON in the detail cell: quotes doubled, the cell quoted.
  const rejection = rows.find((r) => r.includes(',decided,') && r.includes('不符合条件'));
  expect(rejection).toContain('""不符合条件, \\""户籍\\""不在本区""');

  const keyFile = save('key-csv.pem', (await inspector.request<{ publicKeyPem: string }>('GET', '/v1/audit/public-key')).publicKeyPem);
  const exportFile = save('export.csv', bytes);
  const digestFile = save('digest.json', JSON.stringify(digest));
  expect((await script(exportFile, keyFile, digestFile)).status).toBe(0);
  const tampered = Buffer.from(bytes);
  tampered[tampered.length - 3] = tampered[tampered.length - 3] === 0x30 ? 0x31 : 0x30; // a hex digit of the last hash
  expect((await script(save('tampered.csv', tampered), keyFile, digestFile)).status).toBe(1);

  const reads = await readsOn(DAY);
  expect(reads.filter((r) => r.route === 'export-audit').map((r) => r.what)).toContainEqual({
    from: DAY,
    to: DAY,
    includeTests: 'false',
    format: 'csv',
  });
});

test('bad input: a period too long or reversed, an unknown format -> 422 naming the field, nothing logged', async () => {
  const before = (await readsOn(DAY)).length;
  for (const [query, field] of [
    [`from=${DAY}&to=2025-01-01`, 'to'],
    [`from=2025-01-01&to=2026-12-31`, 'to'],
    [`from=${DAY}&to=${DAY}&format=xlsx`, 'format'],
    [`to=${DAY}`, 'from'],
  ] as const) {
    const { res, bytes } = await download(query);
    expect({ query, status: res.status, type: res.headers.get('content-type') }).toEqual({
      query,
      status: 422,
      type: 'application/problem+json; charset=utf-8',
    });
    expect(JSON.parse(bytes.toString()).errors).toContainEqual(expect.objectContaining({ path: field }));
  }
  expect(await readsOn(DAY)).toHaveLength(before);
});

test('the local key is 0600 in the data folder and stays the same across a restart', async () => {
  const file = path.join(t.dataDir, LOCAL_KEY_FILE);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  const before = await inspector.request<{ keyId: string }>('GET', '/v1/audit/public-key');
  const { res, bytes } = await download(`from=${DAY}&to=${DAY}`);
  expect(res.status).toBe(200);
  await t.close();
  t = await startTestRuntime({ dataDir: t.dataDir, clockStart: '2026-10-01T02:00:00.000Z' });
  ({ token } = await t.api.request<{ token: string }>('POST', '/v1/dev/tokens', { role: 'inspector', sub: 'ins-export' }));
  inspector = t.api.as(token);
  const after = await inspector.request<{ keyId: string; publicKeyPem: string }>('GET', '/v1/audit/public-key');
  expect(after.keyId).toBe(before.keyId);
  // An export made before the restart still verifies with the key served after it.
  expect((await script(save('before-restart.ndjson', bytes), save('key-after.pem', after.publicKeyPem))).status).toBe(0);
});
