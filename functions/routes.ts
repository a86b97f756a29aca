import type { FunctionSpec } from './access';
import { auditRoutes } from './api/audit/routes';

export type HttpMethod = 'GET' | 'POST';

/**
 * One HTTP endpoint of the contract (the handbook's HTTP-API.md, outside this repository). The local server dispatches on this
 * table and the CDK app creates exactly one API Gateway route + one Lambda per entry.
 * `auth: 'public'` routes have no authorizer; all others need a valid JWT.
 */
export interface RouteSpec extends FunctionSpec {
  method: HttpMethod;
  /** API Gateway path syntax, e.g. `/v1/applications/{id}`. */
  path: string;
  auth: 'public' | 'jwt';
}

const api = (name: string) => `functions/api/${name}.ts`;

export const routes: readonly RouteSpec[] = [
  { name: 'health', method: 'GET', path: '/healthz', auth: 'public', entry: api('health'), access: [] },
  { name: 'get-openapi', method: 'GET', path: '/v1/openapi.json', auth: 'public', entry: api('get-openapi'), access: [] },
  { name: 'list-services', method: 'GET', path: '/v1/services', auth: 'public', entry: api('list-services'), access: [] },
  { name: 'get-service', method: 'GET', path: '/v1/services/{serviceId}', auth: 'public', entry: api('get-service'), access: [] },
  {
    name: 'create-upload',
    method: 'POST',
    path: '/v1/uploads',
    auth: 'jwt',
    entry: api('create-upload'),
    access: ['materials:write:uploads'],
  },
  {
    name: 'submit-application',
    method: 'POST',
    path: '/v1/applications',
    auth: 'jwt',
    entry: api('submit-application'),
    access: [
      'main:read',
      'main:write',
      'audit:read',
      'audit:append',
      'materials:read:uploads',
      'materials:write:applications',
      'sfn:start',
    ],
  },
  {
    name: 'list-applications',
    method: 'GET',
    path: '/v1/applications',
    auth: 'jwt',
    entry: api('list-applications'),
    access: ['main:read'],
  },
  {
    name: 'get-application',
    method: 'GET',
    path: '/v1/applications/{id}',
    auth: 'jwt',
    entry: api('get-application'),
    access: ['main:read', 'audit:read', 'audit:access-log'],
  },
  {
    name: 'provide-supplement',
    method: 'POST',
    path: '/v1/applications/{id}/supplements',
    auth: 'jwt',
    entry: api('provide-supplement'),
    access: [
      'main:read',
      'main:write',
      'audit:read',
      'audit:append',
      'materials:read:uploads',
      'materials:write:applications',
      'sfn:task-response',
    ],
  },
  {
    name: 'withdraw-application',
    method: 'POST',
    path: '/v1/applications/{id}/withdraw',
    auth: 'jwt',
    entry: api('withdraw-application'),
    access: ['main:read', 'main:write', 'audit:read', 'audit:append', 'sfn:stop'],
  },
  {
    name: 'get-material-link',
    method: 'GET',
    path: '/v1/applications/{id}/materials/{materialId}',
    auth: 'jwt',
    entry: api('get-material-link'),
    access: ['main:read', 'materials:read:applications', 'audit:access-log'],
  },
  {
    name: 'list-department-tasks',
    method: 'GET',
    path: '/v1/departments/{dept}/tasks',
    auth: 'jwt',
    entry: api('list-department-tasks'),
    access: ['main:read'],
  },
  { name: 'get-task', method: 'GET', path: '/v1/tasks/{taskId}', auth: 'jwt', entry: api('get-task'), access: ['main:read'] },
  {
    name: 'decide-task',
    method: 'POST',
    path: '/v1/tasks/{taskId}/decision',
    auth: 'jwt',
    entry: api('decide-task'),
    access: ['main:read', 'main:write', 'audit:read', 'audit:append', 'sfn:task-response'],
  },
  // Discipline inspectors (issue 8): read-only on the log; each read logs itself (ACCESS#).
  ...auditRoutes,
];

/** `routeKey` as API Gateway HTTP APIs spell it, e.g. `POST /v1/applications`. */
export const routeKey = (r: Pick<RouteSpec, 'method' | 'path'>): string => `${r.method} ${r.path}`;
