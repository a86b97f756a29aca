import * as z from 'zod';
import { buildOpenApi, type OperationSource } from '../../../../functions/http/openapi';

const Thing = z.object({ id: z.string(), tags: z.array(z.string()).default([]) });
const Unused = z.object({ never: z.boolean() });
const ops: OperationSource[] = [
  {
    name: 'make-thing',
    method: 'POST',
    path: '/things',
    auth: 'jwt',
    summary: 'Make',
    roles: ['citizen'],
    idempotent: true,
    body: Thing,
    response: {
      status: 201,
      schema: z.object({ thing: Thing }),
      description: 'Made',
      headers: { Location: { description: 'where', required: true, pattern: '^/things/' } },
    },
  },
  {
    name: 'get-thing',
    method: 'GET',
    path: '/things/{id}',
    auth: 'public',
    summary: 'Get',
    params: z.object({ id: z.string() }),
    query: z.object({ verbose: z.coerce.boolean().optional().describe('more') }),
    response: { status: 200, schema: Thing, description: 'The thing' },
    errors: [409],
  },
];
const doc = buildOpenApi({ title: 't', version: '1' }, ops, { Thing, Unused }) as Record<string, any>;

test('named schemas keep their names; unnamed roots are named after the operation; unused ones are pruned', () => {
  expect(Object.keys(doc.components.schemas).sort()).toEqual(['MakeThingResponse', 'Problem', 'Thing', 'ThingInput']);
  expect(doc.components.schemas.MakeThingResponse.properties.thing).toEqual({ $ref: '#/components/schemas/Thing' });
});

test('a schema that is both body and response is rendered twice: as parsed (input) and as produced (output)', () => {
  const body = doc.paths['/things'].post.requestBody.content['application/json'].schema;
  expect(body).toEqual({ $ref: '#/components/schemas/ThingInput' });
  const response = doc.paths['/things/{id}'].get.responses['200'].content['application/json'].schema;
  expect(response).toEqual({ $ref: '#/components/schemas/Thing' });
  expect(doc.components.schemas.ThingInput.required).toEqual(['id']);
  expect(doc.components.schemas.Thing.required).toEqual(['id', 'tags']);
});

test('error statuses follow from the declaration; every operation has 405, 500 and 503', () => {
  expect(Object.keys(doc.paths['/things'].post.responses)).toEqual(['201', '400', '401', '403', '405', '413', '415', '422', '500', '503']);
  expect(Object.keys(doc.paths['/things/{id}'].get.responses)).toEqual(['200', '400', '404', '405', '409', '422', '500', '503']);
});

test('405 declares Allow, 503 declares Retry-After, success responses their own headers', () => {
  const get = doc.paths['/things/{id}'].get.responses;
  expect(get['405']).toEqual({ $ref: '#/components/responses/MethodNotAllowed' });
  expect(get['503']).toEqual({ $ref: '#/components/responses/Unavailable' });
  expect(get['404']).toEqual({ $ref: '#/components/responses/Problem' });
  expect(doc.components.responses.MethodNotAllowed.headers.Allow.required).toBe(true);
  expect(doc.components.responses.Unavailable.headers['Retry-After'].required).toBe(true);
  expect(doc.paths['/things'].post.responses['201'].headers).toEqual({
    Location: { description: 'where', required: true, schema: { type: 'string', pattern: '^/things/' } },
  });
});

test('parameters: path (required), query with descriptions, and the idempotency header', () => {
  expect(doc.paths['/things/{id}'].get.parameters).toEqual([
    { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
    { name: 'verbose', in: 'query', required: false, description: 'more', schema: { type: 'boolean' } },
  ]);
  expect(doc.paths['/things'].post.parameters.map((p: { name: string }) => p.name)).toEqual(['Idempotency-Key']);
  expect(doc.paths['/things'].post.operationId).toBe('makeThing');
  expect(doc.paths['/things'].post.description).toBe('Roles: citizen.');
});
