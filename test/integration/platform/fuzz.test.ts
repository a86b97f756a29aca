/**
 * A fuzz run driven by `/v1/openapi.json` against the real runtime: every operation, as every
 * kind of caller (no token, citizen owner, proxy stranger, officer of the right and of another
 * department, inspector, a forged token), with positive examples and negative ones generated from the
 * declared schemas (parameters and bodies), plus wrong methods, media types and sizes.
 * Every response must be < 500 and match what the document declares for its operation:
 * status, content type, body schema and required headers. Seeded and bounded (~400 requests).
 */
import fc from 'fast-check';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { findTask, getService, submitExample, uploadNeeded, waitForBranches, type ServiceDoc } from '../support/flows';
import { contractChecker, type ContractChecker } from '../support/openapi-check';
import { testSeed } from '../support/seed';
import type { OneThingClient } from '../../../local/client';
import { toWellFormedText } from '../../../shared/unicode';

type Json = Record<string, any>;
const SEED = testSeed('fuzz', 20261203);

let t: TestRuntime;
let doc: Json;
let checker: ContractChecker;
let service: ServiceDoc;
const tokens: Record<string, string | undefined> = {};
const fixtures: Record<string, string> = {};
const walkFixtures: Record<string, string> = {};
let materials: Array<{ materialId: string; uploadId: string }>;

beforeAll(async () => {
  t = await startTestRuntime();
  doc = await t.api.request('GET', '/v1/openapi.json');
  checker = contractChecker(doc);
  service = await getService(t.api, 'school-enrolment');
  const login = async (role: string, sub: string, dept?: string): Promise<OneThingClient> => {
    const { token } = await t.api.request<{ token: string }>('POST', '/v1/dev/tokens', { role, sub, ...(dept ? { dept } : {}) });
    tokens[`${role}${dept === service.departments[1]?.id ? '-other' : ''}`] = token;
    return t.api.as(token);
  };
  const citizen = await login('citizen', 'fuzz-owner');
  await login('proxy', 'fuzz-stranger');
  await login('inspector', 'fuzz-inspector');
  const official = await login('official', 'fuzz-official');
  const dept = service.departments[0]!.id;
  const officer = await login('officer', 'fuzz-officer', dept);
  await login('officer', 'fuzz-officer-other', service.departments[1]!.id);
  const id = await submitExample(citizen, service);
  await waitForBranches(citizen, id, service.departments.length);
  Object.assign(fixtures, {
    serviceId: service.id,
    id,
    dept,
    taskId: (await findTask(officer, dept, id)).taskId,
    materialId: service.materials[0]!.id,
  });
  materials = await uploadNeeded(citizen, service);
  // Walk-through paths get a walk-through and one of its findings.
  const walk = await official.request<{ id: string }>('POST', '/v1/walkthroughs', { serviceId: service.id, mode: 'probe' });
  const finding = await official.request<{ id: string }>('POST', `/v1/walkthroughs/${walk.id}/findings`, { text: 'f', severity: 'low' });
  Object.assign(walkFixtures, { id: walk.id, findingId: finding.id });
  // A token that is not one the runtime issued: the authorizer's 401.
  tokens.forged = `${tokens.citizen!.split('.').slice(0, 2).join('.')}.${'A'.repeat(43)}`;
});
afterAll(() => t.close());

interface Probe {
  label: string;
  method: string;
  template: string;
  path: string;
  role?: string;
  headers?: Record<string, string>;
  body?: string;
}

const ROLES = [undefined, 'citizen', 'proxy', 'officer', 'officer-other', 'inspector', 'official', 'forged'];
/** The roles an operation's description lists ("Roles: citizen, proxy."). */
const rolesOf = (op: Json): string[] => /Roles: ([^.]+)\./.exec(op.description ?? '')?.[1]!.split(', ') ?? [];

/** Values that are not well-formed, not the declared type, or just odd, from a seed. */
const oddStrings = (n: number, seed: number): string[] =>
  fc.sample(
    fc.oneof(
      fc.string({
        unit: fc.oneof(
          fc.constantFrom('\ud800', '\udc00', '/', '%', '?', '#', '.', ' '),
          fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
        ),
        maxLength: 12,
      }),
      fc.constantFrom('', '..', 'A'.repeat(300), 'T____', `A${'0'.repeat(26)}`, 'null', '-1'),
    ),
    { seed, numRuns: n },
  );

/** Percent-encodes any string, lone surrogates included (as U+FFFD, like a browser). */
const encode = (s: string) => encodeURIComponent(toWellFormedText(s));

function pathWith(template: string, values: Record<string, string>, raw = false): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => (raw ? String(values[name]) : encode(values[name] ?? 'x')));
}

const positiveBodies = (): Record<string, unknown> => ({
  createUpload: {
    serviceId: service.id,
    materialId: service.materials[0]!.id,
    contentType: service.materials[0]!.accept[0],
    sizeBytes: 100,
    sha256: 'a'.repeat(64),
  },
  submitApplication: { serviceId: service.id, form: service.formSchema.examples[0], materials },
  provideSupplement: { department: fixtures.dept, note: 'n' },
  decideTask: { decision: 'approve', comment: 'ok' },
  createWalkthrough: { serviceId: service.id, mode: 'probe' },
  answerWalkthroughSupplement: { department: fixtures.dept, note: 'n' },
  createFinding: { text: 'fuzz finding', severity: 'low' },
  rectifyFinding: { note: 'fixed' },
  putProbe: { everyHours: 24, enabled: false },
  evaluateApplication: { level: 2, dimensions: { efficiency: 2, guidance: 3 }, comment: '等待时间长' },
  followUpEvaluation: { note: '已回访并整改' },
  // 12345 events (issue 10)
  submitEvent: {
    category: 'garbage-collection',
    description: 'd',
    location: { street: 'jiyuanlu', address: 'a' },
    contact: { name: 'n', phone: '13800000000' },
  },
  returnEvent: { reason: 'r' },
  replyEvent: { text: 't' },
  rateEvent: { level: 5 },
});

/** The fixtures of a path: walk-through paths name a walk-through and its finding. */
const fixturesOf = (template: string) => (template.startsWith('/v1/walkthroughs/') ? { ...fixtures, ...walkFixtures } : fixtures);

/** Negative bodies from a JSON Schema and a valid example: each breaks one declared rule. */
function negativesFrom(schema: Json, example: unknown, at: string, out: Array<{ label: string; value: unknown }>, depth = 0): void {
  const s = schema.$ref ? doc.components.schemas[schema.$ref.split('/').pop()] : schema;
  if (depth > 3 || !s) return;
  if (s.type === 'object' && s.properties && example && typeof example === 'object' && !Array.isArray(example)) {
    for (const req of s.required ?? []) {
      const { [req]: _dropped, ...rest } = example as Json;
      out.push({ label: `${at}: without required ${req}`, value: rest });
    }
    for (const [name, prop] of Object.entries<Json>(s.properties)) {
      const inner: Array<{ label: string; value: unknown }> = [];
      negativesFrom(prop, (example as Json)[name], `${at}.${name}`, inner, depth + 1);
      for (const n of inner) out.push({ label: n.label, value: { ...(example as Json), [name]: n.value } });
    }
    out.push({ label: `${at}: unknown field`, value: { ...(example as Json), ['zz-unknown']: 1 } });
    return;
  }
  if (s.type === 'array') {
    out.push({ label: `${at}: not an array`, value: {} });
    if (s.maxItems !== undefined)
      out.push({
        label: `${at}: too many items`,
        value: Array.from({ length: s.maxItems + 1 }, () => (Array.isArray(example) ? example[0] : {}) ?? {}),
      });
    if (Array.isArray(example) && example.length > 0) {
      const inner: Array<{ label: string; value: unknown }> = [];
      negativesFrom(s.items ?? {}, example[0], `${at}[0]`, inner, depth + 1);
      for (const n of inner) out.push({ label: n.label, value: [n.value, ...example.slice(1)] });
    }
    return;
  }
  if (s.type === 'string') {
    out.push({ label: `${at}: number instead of string`, value: 12345 });
    out.push({ label: `${at}: lone surrogate`, value: `x\ud800` });
    if (s.maxLength !== undefined) out.push({ label: `${at}: too long`, value: 'x'.repeat(s.maxLength + 1) });
    if (s.minLength) out.push({ label: `${at}: empty`, value: '' });
    if (s.enum) out.push({ label: `${at}: not in enum`, value: 'zz-not-listed' });
    if (s.pattern) out.push({ label: `${at}: pattern broken`, value: '✗ no match' });
    return;
  }
  if (s.type === 'integer' || s.type === 'number') {
    out.push({ label: `${at}: string instead of number`, value: '12' });
    out.push({ label: `${at}: negative`, value: -1 });
    if (s.type === 'integer') out.push({ label: `${at}: fraction`, value: 1.5 });
    return;
  }
  if (s.type === 'object') {
    // Free-form objects (forms): odd keys, deep nesting, out-of-range numbers.
    out.push({ label: `${at}: lone surrogate key`, value: { ['k\udfff']: 1 } });
    out.push({ label: `${at}: lone surrogate value`, value: { ...(example as Json), note: '\udc00x' } });
    out.push({ label: `${at}: number DynamoDB cannot store`, value: { ...(example as Json), big: 1e200 } });
    out.push({ label: `${at}: nested 40 deep`, value: { deep: JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`) } });
    out.push({ label: `${at}: not an object`, value: 'text' });
  }
}

function probesFor(template: string, method: string, op: Json): Probe[] {
  const probes: Probe[] = [];
  const allowed = rolesOf(op);
  const mainRole = op.security?.length ? (allowed[0] ?? 'citizen') : undefined;
  const params: Json[] = op.parameters ?? [];
  const bodyName = op.operationId as string;
  const positive = positiveBodies()[bodyName];
  const json = (value: unknown) => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
  const values = fixturesOf(template);
  const base = { method, template, path: pathWith(template, values) };
  const withBody: { headers?: Record<string, string>; body?: string } = op.requestBody ? json(positive) : {};

  // Path parameters: odd values (404 or 400), raw bad percent-encoding (400).
  for (const p of params.filter((x) => x.in === 'path')) {
    for (const [i, odd] of oddStrings(6, SEED + template.length + i0(p.name)).entries()) {
      probes.push({
        ...base,
        ...withBody,
        role: mainRole,
        label: `path ${p.name} #${i}`,
        path: pathWith(template, { ...values, [p.name]: odd }),
      });
    }
    probes.push({
      ...base,
      ...withBody,
      role: mainRole,
      label: `path ${p.name} bad encoding`,
      path: pathWith(template, { ...mapEncoded(values), [p.name]: '%E0%A4%A' }, true),
    });
  }

  // Query parameters: each declared rule broken once.
  for (const p of params.filter((x) => x.in === 'query')) {
    const s = p.schema as Json;
    const values: string[] = [...oddStrings(3, SEED + i0(p.name))];
    if (s.enum) values.push(...s.enum, 'zz-bogus');
    if (s.type === 'integer')
      values.push(String(s.minimum), String(s.maximum), String(s.minimum - 1), String(s.maximum + 1), '1.5', 'x', '1e400');
    if (s.maxLength !== undefined) values.push('A'.repeat(s.maxLength + 1));
    for (const v of values)
      probes.push({ ...base, role: mainRole, label: `query ${p.name}=${v.slice(0, 20)}`, path: `${base.path}?${p.name}=${encode(v)}` });
  }

  // Idempotency-Key header: absent (above), odd, and a replay of the positive body.
  if (params.some((p) => p.in === 'header' && p.name === 'Idempotency-Key')) {
    for (const key of ['', ' ', 'cl\u00e9', 'k'.repeat(256)])
      probes.push({
        ...base,
        ...withBody,
        role: mainRole,
        label: `Idempotency-Key ${JSON.stringify(key.slice(0, 10))}`,
        headers: { ...withBody.headers, 'idempotency-key': key },
      });
    for (let i = 0; i < 2; i++)
      probes.push({
        ...base,
        ...withBody,
        role: mainRole,
        label: `Idempotency-Key replay #${i}`,
        headers: { ...withBody.headers, 'idempotency-key': 'fuzz-replay-1' },
      });
  }

  if (op.requestBody) {
    const negatives: Array<{ label: string; value: unknown }> = [];
    negativesFrom(op.requestBody.content['application/json'].schema, positive, 'body', negatives);
    for (const n of negatives) probes.push({ ...base, ...json(n.value), role: mainRole, label: n.label });
    const raw: Array<[string, string, string | undefined]> = [
      ['malformed JSON', '{"a":', 'application/json'],
      ['empty body', '', 'application/json'],
      ['JSON null', 'null', 'application/json'],
      ['JSON array', '[]', 'application/json'],
      ['text/plain', JSON.stringify(positive), 'text/plain'],
      ['no content type', JSON.stringify(positive), undefined],
      ['number out of range', JSON.stringify(positive).replace(/^\{/, '{"zz":1e400,'), 'application/json'],
      ['over 256 KB', JSON.stringify({ ...(positive as Json), pad: 'x'.repeat(300 * 1024) }), 'application/json'],
      ['nested 3000 deep', `{"x":${'['.repeat(3000)}${']'.repeat(3000)}}`, 'application/json'],
    ];
    for (const [label, body, type] of raw)
      probes.push({ ...base, role: mainRole, label, body, headers: type ? { 'content-type': type } : {} });
  }
  // Positive, as every kind of caller: after the negatives, so these see the state a refusal left.
  for (const role of ROLES) probes.push({ ...base, ...withBody, label: `positive as ${role ?? 'anonymous'}`, role });
  return probes;
}

const i0 = (s: string) => [...s].reduce((n, c) => n + c.charCodeAt(0), 0);
const mapEncoded = (values: Record<string, string>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, encode(v)]));

// State-changing operations last, so that earlier probes see an application in review.
const ORDER = ['submitApplication', 'provideSupplement', 'decideTask', 'withdrawApplication'];
const rank = (op: Json) => ORDER.indexOf(op.operationId) + 1;

test('every operation, every caller, positive and negative: no 5xx, every response as declared', async () => {
  const operations = Object.entries<Json>(doc.paths)
    .flatMap(([template, item]) => Object.entries<Json>(item).map(([method, op]) => ({ template, method: method.toUpperCase(), op })))
    .sort((a, b) => rank(a.op) - rank(b.op));
  expect(operations.length).toBeGreaterThanOrEqual(14);

  const probes = operations.flatMap(({ template, method, op }) => probesFor(template, method, op));
  // Methods a path does not have: 405 with Allow, declared on each of its operations.
  for (const [template, item] of Object.entries<Json>(doc.paths)) {
    const other = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'].find((m) => !(m.toLowerCase() in item))!;
    probes.push({ label: `method ${other}`, method: other, template, path: pathWith(template, fixturesOf(template)), role: 'citizen' });
  }

  // Generating the probes blocks the event loop for seconds: let the server's keep-alive
  // timers that expired meanwhile close their idle sockets now, before a probe reuses one
  // (else the first fetch can race the close: ECONNRESET).
  await new Promise((resolve) => setTimeout(resolve, 100));

  const failures: string[] = [];
  const statuses = new Map<number, number>();
  for (const probe of probes) {
    const token = probe.role ? tokens[probe.role] : undefined;
    const res = await fetch(t.api.baseUrl + probe.path, {
      method: probe.method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...probe.headers },
      body: probe.body,
    });
    const seen = { status: res.status, headers: res.headers, text: await res.text() };
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    // A wrong method belongs to no operation: check it against any operation of its path.
    const method = probe.label.startsWith('method ') ? Object.keys(doc.paths[probe.template])[0] : probe.method;
    const problems = checker.problems(method!, probe.template, seen);
    if (res.status >= 500) problems.unshift(`server error ${res.status}`);
    if (probe.label.startsWith('method ') && res.status !== 405) problems.push(`expected 405, got ${res.status}`);
    if (problems.length > 0)
      failures.push(
        `${probe.method} ${probe.path.slice(0, 120)} [${probe.label}, ${probe.role ?? 'anonymous'}] -> ${res.status}: ${problems.join('; ')}`,
      );
  }
  expect(failures).toEqual([]);
  // The run exercised successes and each class of refusal.
  expect(probes.length).toBeGreaterThan(250);
  for (const status of [200, 201, 202, 400, 401, 403, 404, 405, 409, 413, 415, 422])
    expect({ status, seen: statuses.has(status) }).toEqual({ status, seen: true });
});
