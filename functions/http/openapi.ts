/**
 * OpenAPI 3.1 from declarations: operations come from the route table, every schema from zod
 * (`z.toJSONSchema`). Request bodies are rendered as zod parses them (`io: 'input'`),
 * responses as they are produced (`io: 'output'`).
 */
import * as z from 'zod';
import {
  problemComponent,
  errorStatuses,
  operationParameters,
  problemResponseRef,
  problemResponses,
  responseHeaders,
  type OperationSource,
} from './openapi-parts';

export type { OperationSource, ResponseHeader } from './openapi-parts';

export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
}

type Json = Record<string, unknown>;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const pascal = (name: string) => name.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());
const camel = (name: string) => name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

/**
 * The document. `names` gives reusable schemas their component names (e.g. every zod schema
 * exported by a module); unnamed request/response roots are named after the operation.
 *
 * @example buildOpenApi({ title: 'OneThing', version: '1' }, operations, { ApplicationView })
 */
export function buildOpenApi(info: OpenApiInfo, operations: readonly OperationSource[], names: Record<string, z.ZodType>): Json {
  const nameOf = new Map<z.ZodType, string>(Object.entries(names).map(([n, s]) => [s, n]));
  const inputs = z.registry<{ id: string }>();
  const outputs = z.registry<{ id: string }>();
  const outputIds = new Set<string>(['Problem']);
  const addOutput = (schema: z.ZodType, id: string) => {
    if (outputs.has(schema)) return;
    outputs.add(schema, { id });
    outputIds.add(id);
  };
  for (const op of operations) addOutput(op.response.schema, nameOf.get(op.response.schema) ?? `${pascal(op.name)}Response`);
  const bodies = new Map(
    operations.flatMap((op) => (op.body ? [[op.body, nameOf.get(op.body) ?? `${pascal(op.name)}Request`] as const] : [])),
  );
  // Named schemas nested in responses become shared components instead of being inlined.
  for (const [schema, id] of nameOf) if (!bodies.has(schema)) addOutput(schema, id);
  // A body that is also a response is rendered twice: input and output differ (defaults, transforms).
  for (const [body, id] of bodies) inputs.add(body, { id: outputIds.has(id) ? `${id}Input` : id });
  outputs.add(problemComponent, { id: 'Problem' });

  const uri = (id: string) => `#/components/schemas/${id}`;
  const opts = { uri, unrepresentable: 'any' as const, target: 'draft-2020-12' as const };
  const schemas = {
    ...(z.toJSONSchema(outputs, { ...opts, io: 'output' }).schemas as Record<string, Json>),
    ...(z.toJSONSchema(inputs, { ...opts, io: 'input' }).schemas as Record<string, Json>),
  };

  const paths: Record<string, Record<string, Json>> = {};
  for (const op of operations) {
    const success: Json = {
      description: op.response.description,
      content: Object.fromEntries(
        (op.response.mediaTypes ?? ['application/json']).map((media) => [media, { schema: ref(idIn(outputs, op.response.schema)) }]),
      ),
    };
    if (op.response.headers) success.headers = responseHeaders(op.response.headers);
    const responses: Json = { [op.response.status]: success };
    for (const status of errorStatuses(op)) responses[status] = problemResponseRef(status);
    const operation: Json = {
      operationId: camel(op.name),
      summary: op.summary,
      security: op.auth === 'jwt' ? [{ bearerAuth: [] }] : [],
      parameters: operationParameters(op),
      responses,
    };
    if (op.roles) operation.description = `Roles: ${op.roles.join(', ')}.`;
    if (op.body) {
      operation.requestBody = { required: true, content: { 'application/json': { schema: ref(idIn(inputs, op.body)) } } };
    }
    (paths[op.path] ??= {})[op.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info,
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas: pruneUnused(schemas, { paths, problem: ref('Problem') }),
      responses: problemResponses,
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}

function idIn(registry: z.core.$ZodRegistry<{ id: string }>, schema: z.ZodType): string {
  const id = registry.get(schema)?.id;
  if (id === undefined) throw new Error('buildOpenApi: a schema was used before it was registered');
  return id;
}

/** Only components reachable from `roots`; `$schema`/`$id` dropped (the dialect is global). */
function pruneUnused(schemas: Record<string, Json>, roots: unknown): Record<string, Json> {
  const reached = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      const name = k === '$ref' && typeof v === 'string' ? v.replace('#/components/schemas/', '') : undefined;
      if (name !== undefined && !reached.has(name)) {
        reached.add(name);
        visit(schemas[name]);
      } else visit(v);
    }
  };
  visit(roots);
  return Object.fromEntries(
    [...reached].sort().flatMap((n) => {
      const schema = schemas[n];
      if (!schema) return [];
      const { $schema: _s, $id: _i, ...rest } = schema;
      return [[n, rest]];
    }),
  );
}
