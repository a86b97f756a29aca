/**
 * The OpenAPI document of this API: the route table joined with the contracts. Every zod
 * schema exported by the schema modules becomes a named component.
 */
import * as z from 'zod';
import * as shared from '../../shared/applications/schemas';
import { routes } from '../routes';
import { buildOpenApi, type OperationSource } from '../http/openapi';
import { contracts, type EndpointContract } from './contract';
import * as http from './schemas';

const API_INFO = {
  title: 'OneThing HTTP API',
  version: '1.0.0',
  description: '高效办成一件事: one submission, parallel department approvals under working-day time limits.',
};

/** Exported zod schemas of a module, by export name (query and path schemas stay inline). */
function namedSchemas(mod: Record<string, unknown>): Record<string, z.ZodType> {
  return Object.fromEntries(
    Object.entries(mod).filter((e): e is [string, z.ZodType] => e[1] instanceof z.ZodType && !/(Query|Path)$/.test(e[0])),
  );
}

/** One operation per route; throws if a route has no contract (caught by the unit tests). */
export function operations(): OperationSource[] {
  return routes.map((route) => {
    const contract: EndpointContract | undefined = (contracts as Record<string, EndpointContract>)[route.name];
    if (!contract) throw new Error(`functions/api/contract: no contract for route ${route.name}`);
    const { path: params, ...rest } = contract;
    return { ...rest, params, name: route.name, method: route.method, path: route.path, auth: route.auth };
  });
}

/**
 * The document served at `GET /v1/openapi.json`.
 *
 * @example const doc = buildApiDocument(); doc.paths['/v1/applications'].post.operationId // 'submitApplication'
 */
export function buildApiDocument(): Record<string, unknown> {
  return buildOpenApi(API_INFO, operations(), { ...namedSchemas(shared), ...namedSchemas(http) });
}
