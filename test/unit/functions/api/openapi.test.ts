import * as z from 'zod';
import { contracts, endpoint } from '../../../../functions/api/contract';
import { createGetOpenApiHandler } from '../../../../functions/api/get-openapi';
import { buildApiDocument } from '../../../../functions/api/openapi-document';
import { routes } from '../../../../functions/routes';
import { CreateUploadRequest } from '../../../../shared/applications/schemas';
import { apiEvent } from '../../../events/api/events';
import { lambdaContext } from '../../../fixtures/lambda-context';

type Json = Record<string, any>;
const doc = buildApiDocument() as Json;

function refsIn(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refsIn(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}

test('every route has a contract and vice versa', () => {
  expect(Object.keys(contracts).sort()).toEqual(routes.map((r) => r.name).sort());
});

test('endpoint() refuses a contract whose auth disagrees with the route table', () => {
  const original = contracts.health.auth;
  (contracts.health as { auth: string }).auth = 'jwt';
  try {
    expect(() => endpoint('health')).toThrow(/health is jwt here but public in the route table/);
  } finally {
    (contracts.health as { auth: string }).auth = original;
  }
});

test('an OpenAPI 3.1 document with one operation per route, unique operation ids', () => {
  expect(doc.openapi).toBe('3.1.0');
  expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
  const ops = routes.map((r) => doc.paths[r.path]?.[r.method.toLowerCase()]);
  ops.forEach((op, i) => expect({ route: routes[i]!.name, present: op !== undefined }).toEqual({ route: routes[i]!.name, present: true }));
  const ids = ops.map((op) => op.operationId);
  expect(new Set(ids).size).toBe(routes.length);
  const operationCount = Object.values(doc.paths as Json).reduce((n, item) => n + Object.keys(item).length, 0);
  expect(operationCount).toBe(routes.length);
});

test('path parameters match the templates; jwt routes need the bearer scheme and document 401', () => {
  expect(doc.components.securitySchemes.bearerAuth).toEqual({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  for (const r of routes) {
    const op = doc.paths[r.path][r.method.toLowerCase()];
    const templated = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const declared = op.parameters.filter((p: Json) => p.in === 'path');
    expect(declared.map((p: Json) => p.name).sort()).toEqual(templated);
    declared.forEach((p: Json) => expect(p.required).toBe(true));
    if (r.auth === 'jwt') {
      expect(op.security).toEqual([{ bearerAuth: [] }]);
      expect(op.responses['401']).toEqual({ $ref: '#/components/responses/Problem' });
    } else {
      expect(op.security).toEqual([]);
    }
    const success = Object.keys(op.responses).filter((s) => s.startsWith('2'));
    expect(success).toHaveLength(1);
  }
});

test('every $ref resolves, and errors are problem+json', () => {
  for (const ref of refsIn(doc)) {
    const [, section, name] = /^#\/components\/(schemas|responses)\/(.+)$/.exec(ref) ?? [];
    expect({ ref, resolves: Boolean(section && name && doc.components[section]?.[name]) }).toEqual({ ref, resolves: true });
  }
  expect(doc.components.responses.Problem.content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
  expect(doc.components.schemas.Problem.required).toEqual(['type', 'code', 'title', 'status', 'detail']);
});

test('schemas come from zod: request bodies as input, shared views by their export names', () => {
  const { $schema: _ignored, ...expected } = z.toJSONSchema(CreateUploadRequest, { io: 'input' }) as Json;
  expect(doc.components.schemas.CreateUploadRequest).toEqual(expected);
  const submit = doc.paths['/v1/applications'].post;
  expect(submit.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/SubmitApplicationRequest' });
  expect(submit.parameters).toEqual([expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false })]);
  const view = doc.components.schemas.ApplicationView;
  expect(view.properties.branches.items).toEqual({ $ref: '#/components/schemas/BranchView' });
  const list = doc.paths['/v1/applications'].get;
  expect(list.parameters.map((p: Json) => [p.name, p.in, p.required])).toEqual([
    ['limit', 'query', false],
    ['cursor', 'query', false],
  ]);
  expect(list.parameters[0].schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 100, default: 20 });
});

test('GET /v1/openapi.json builds the document once per cold start', async () => {
  const build = jest.fn(() => ({ openapi: '3.1.0' }));
  const handler = createGetOpenApiHandler(build, { timeoutEarlyInMillis: 0 });
  const event = apiEvent({ routeKey: 'GET /v1/openapi.json', claims: null });
  const first = await handler(event, lambdaContext());
  await handler(event, lambdaContext());
  expect(JSON.parse(first.body ?? '')).toEqual({ openapi: '3.1.0' });
  expect(build).toHaveBeenCalledTimes(1);
});

test("publishes the added `failed` status and the result's reason and message", () => {
  const view = doc.components.schemas.ApplicationView;
  expect(view.properties.status.enum).toContain('failed');
  const result = doc.components.schemas.ApplicationResult;
  expect(result.properties.outcome.enum).toStrictEqual(['approved', 'rejected', 'failed']);
  expect(result.properties.reason.enum).toStrictEqual(['supplement-expired', 'processing-failed']);
  expect(Object.keys(result.properties.message.properties)).toStrictEqual(['zh', 'en']);
});
