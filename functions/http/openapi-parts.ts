/**
 * Pieces of the OpenAPI builder: the problem schema, parameters from zod objects, and the
 * error statuses an operation can return given what it declares.
 */
import * as z from 'zod';

/** What the builder needs to know about one operation. */
export interface OperationSource {
  name: string;
  method: string;
  path: string;
  auth: 'public' | 'jwt';
  summary: string;
  roles?: readonly string[];
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  idempotent?: boolean;
  response: { status: number; schema: z.ZodType; description: string };
  errors?: readonly number[];
}

/** RFC 9457 problem details as this API emits them (see problem.ts). */
export const problemComponent = z.object({
  type: z.url(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional()
    .describe('Validation failures (422), one per field, e.g. `form.child.idNumber`'),
});

/** Statuses implied by the declaration: auth -> 401/403, path -> 404, body -> 400/413/415/422. */
export function errorStatuses(op: OperationSource): number[] {
  const statuses = new Set<number>(op.errors ?? []);
  if (op.auth === 'jwt') statuses.add(401);
  if (op.roles) statuses.add(403);
  if (op.params) statuses.add(404);
  if (op.body) [400, 413, 415, 422].forEach((s) => statuses.add(s));
  if (op.query || op.idempotent) statuses.add(422);
  statuses.add(500);
  statuses.add(503);
  return [...statuses].sort((a, b) => a - b);
}

type Json = Record<string, unknown>;

function objectParameters(schema: z.ZodType, where: 'query' | 'path'): Json[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, prop]) => {
    const { description, ...propSchema } = prop;
    const param: Json = { name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: propSchema };
    if (description !== undefined) param.description = description;
    return param;
  });
}

/** Path, query and header parameters of an operation. */
export function operationParameters(op: OperationSource): Json[] {
  const params = [
    ...(op.params ? objectParameters(op.params, 'path') : []),
    ...(op.query ? objectParameters(op.query, 'query') : []),
  ];
  if (op.idempotent) {
    params.push({
      name: 'Idempotency-Key', in: 'header', required: false,
      description: 'Retry safely: the same key and body return the first response; a different body -> 422',
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
    });
  }
  return params;
}
