/**
 * Pieces of the OpenAPI builder: the problem schema, parameters from zod objects, and the
 * error statuses an operation can return given what it declares.
 */
import * as z from 'zod';
import { CODE_PATTERN } from '../../shared/i18n';

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
  response: {
    status: number;
    schema: z.ZodType;
    description: string;
    headers?: Readonly<Record<string, ResponseHeader>>;
    /** Media types of a non-JSON success body (e.g. the audit export); default `application/json`. */
    mediaTypes?: readonly string[];
  };
  errors?: readonly number[];
}

/** A header a success response carries (OpenAPI Header Object, always a string here). */
export interface ResponseHeader {
  description: string;
  /** Sent on every response of that status (else only sometimes, as the description says). */
  required: boolean;
  pattern?: string;
}

/** RFC 9457 problem details as this API emits them (see problem.ts). */
export const problemComponent = z.object({
  type: z.url().describe('`https://onething.dev/problems/<code>`'),
  code: z
    .string()
    .regex(CODE_PATTERN)
    .describe('Stable machine code the `type` ends with, e.g. `application-not-found` (docs/API.md lists them)'),
  title: z.string().describe('Short summary in the language of `Accept-Language` (en or zh-CN; en by default)'),
  status: z.number().int(),
  detail: z.string().describe('Explanation in the language of `Accept-Language`'),
  instance: z.string().optional(),
  errors: z
    .array(
      z.object({
        path: z.string(),
        code: z
          .string()
          .regex(CODE_PATTERN)
          .describe('Stable field code (`invalid` when no finer one applies), e.g. `id-number-check-character`'),
        message: z.string().describe('In the language of `Accept-Language`'),
      }),
    )
    .optional()
    .describe('Validation failures (422), one per field, e.g. `form.child.idNumber`'),
});

/**
 * Statuses implied by the declaration: auth -> 401/403; path parameters -> 404 (unknown or
 * misshapen id) and 400 (bad percent-encoding); body -> 400/413/415/422; query or
 * Idempotency-Key -> 422. Every operation also declares 405 (its path answers it for the
 * methods it does not have), 500 and 503 (with Retry-After).
 */
export function errorStatuses(op: OperationSource): number[] {
  const statuses = new Set<number>(op.errors ?? []);
  if (op.auth === 'jwt') statuses.add(401);
  if (op.roles) statuses.add(403);
  if (op.params) [400, 404].forEach((s) => statuses.add(s));
  if (op.body) [400, 413, 415, 422].forEach((s) => statuses.add(s));
  if (op.query || op.idempotent) statuses.add(422);
  [405, 500, 503].forEach((s) => statuses.add(s));
  return [...statuses].sort((a, b) => a - b);
}

/** The Problem response of a status: 405 names the allowed methods, 503 says when to retry. */
export function problemResponseRef(status: number): Json {
  if (status === 405) return { $ref: '#/components/responses/MethodNotAllowed' };
  if (status === 503) return { $ref: '#/components/responses/Unavailable' };
  return { $ref: '#/components/responses/Problem' };
}

const problemContent = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

/** `components.responses`: the problem responses every operation refers to. */
export const problemResponses: Json = {
  Problem: { description: 'RFC 9457 problem details', content: problemContent },
  MethodNotAllowed: {
    description: 'The path exists, but not with this method (the operation is listed for the path it shares)',
    headers: { Allow: { description: 'The methods the path has', required: true, schema: { type: 'string' } } },
    content: problemContent,
  },
  Unavailable: {
    description: 'A dependency is unavailable or the runtime is still starting; retry after the given seconds',
    headers: {
      'Retry-After': { description: 'Seconds to wait before retrying', required: true, schema: { type: 'string', pattern: '^[0-9]+$' } },
    },
    content: problemContent,
  },
};

/** OpenAPI Header Objects of a success response. */
export function responseHeaders(headers: Readonly<Record<string, ResponseHeader>>): Json {
  return Object.fromEntries(
    Object.entries(headers).map(([name, h]) => [
      name,
      { description: h.description, required: h.required, schema: h.pattern ? { type: 'string', pattern: h.pattern } : { type: 'string' } },
    ]),
  );
}

type Json = Record<string, unknown>;

function objectParameters(schema: z.ZodType, where: 'query' | 'path'): Json[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, Json>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, prop]) => {
    const { description, ...propSchema } = prop;
    const param: Json = { name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: propSchema };
    if (description !== undefined) param.description = description;
    return param;
  });
}

/** Path, query and header parameters of an operation. */
export function operationParameters(op: OperationSource): Json[] {
  const params = [...(op.params ? objectParameters(op.params, 'path') : []), ...(op.query ? objectParameters(op.query, 'query') : [])];
  if (op.idempotent) {
    params.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: 'Retry safely: the same key and body return the first response; a different body -> 422',
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
    });
  }
  return params;
}
