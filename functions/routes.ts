import type { FunctionSpec } from './access';
import { auditRoutes } from './api/audit/routes';

export type HttpMethod = 'GET' | 'POST' | 'PUT';

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
const events = (name: string) => `functions/api/events/${name}.ts`;

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
  // Walk-throughs, findings and probes (issue 11; shared/walkthroughs).
  {
    name: 'create-walkthrough',
    method: 'POST',
    path: '/v1/walkthroughs',
    auth: 'jwt',
    entry: api('create-walkthrough'),
    // A walk-through is a submission: the submit grants, plus putting its placeholder uploads.
    access: [
      'main:read',
      'main:write',
      'audit:read',
      'audit:append',
      'materials:write:uploads',
      'materials:read:uploads',
      'materials:write:applications',
      'sfn:start',
    ],
  },
  {
    name: 'list-walkthroughs',
    method: 'GET',
    path: '/v1/walkthroughs',
    auth: 'jwt',
    entry: api('list-walkthroughs'),
    access: ['main:read', 'audit:read'],
  },
  {
    name: 'get-walkthrough',
    method: 'GET',
    path: '/v1/walkthroughs/{id}',
    auth: 'jwt',
    entry: api('get-walkthrough'),
    access: ['main:read', 'audit:read'],
  },
  {
    name: 'answer-walkthrough-supplement',
    method: 'POST',
    path: '/v1/walkthroughs/{id}/supplements',
    auth: 'jwt',
    entry: api('answer-walkthrough-supplement'),
    // The applicant's supplement grants, plus putting the placeholder uploads.
    access: [
      'main:read',
      'main:write',
      'audit:read',
      'audit:append',
      'materials:write:uploads',
      'materials:read:uploads',
      'materials:write:applications',
      'sfn:task-response',
    ],
  },
  {
    name: 'create-finding',
    method: 'POST',
    path: '/v1/walkthroughs/{id}/findings',
    auth: 'jwt',
    entry: api('create-finding'),
    access: ['main:read', 'audit:read', 'audit:append'],
  },
  {
    name: 'rectify-finding',
    method: 'POST',
    path: '/v1/walkthroughs/{id}/findings/{findingId}/rectification',
    auth: 'jwt',
    entry: api('rectify-finding'),
    access: ['main:read', 'audit:read', 'audit:append'],
  },
  {
    name: 'put-probe',
    method: 'PUT',
    path: '/v1/probes/{serviceId}',
    auth: 'jwt',
    entry: api('put-probe'),
    access: ['main:read', 'main:write'],
  },
  { name: 'list-probes', method: 'GET', path: '/v1/probes', auth: 'jwt', entry: api('list-probes'), access: ['main:read'] },
  // 好差评 and notifications (issue 12): shared/evaluations, shared/notifications.
  {
    name: 'evaluate-application',
    method: 'POST',
    path: '/v1/applications/{id}/evaluation',
    auth: 'jwt',
    entry: api('evaluate-application'),
    access: ['main:read', 'main:write', 'audit:read', 'audit:append'],
  },
  { name: 'list-evaluations', method: 'GET', path: '/v1/evaluations', auth: 'jwt', entry: api('list-evaluations'), access: ['main:read'] },
  {
    name: 'follow-up-evaluation',
    method: 'POST',
    path: '/v1/evaluations/{id}/follow-up',
    auth: 'jwt',
    entry: api('follow-up-evaluation'),
    access: ['main:read', 'main:write', 'audit:read', 'audit:append'],
  },
  {
    name: 'list-notifications',
    method: 'GET',
    path: '/v1/notifications',
    auth: 'jwt',
    entry: api('list-notifications'),
    access: ['main:read'],
  },
  {
    name: 'read-notification',
    method: 'POST',
    path: '/v1/notifications/{id}/read',
    auth: 'jwt',
    entry: api('read-notification'),
    access: ['main:write'],
  },
  // ---- 12345 events (issue 10) ----
  {
    name: 'submit-event',
    method: 'POST',
    path: '/v1/events',
    auth: 'jwt',
    entry: events('submit-event'),
    // Photos: read the uploads (verification, copy source), write under events/ (copy destination).
    access: ['main:read', 'main:write', 'audit:read', 'audit:append', 'materials:read:uploads', 'materials:write:events', 'sfn:start'],
  },
  {
    name: 'get-event',
    method: 'GET',
    path: '/v1/events/{id}',
    auth: 'jwt',
    entry: events('get-event'),
    access: ['main:read', 'audit:read'],
  },
  {
    name: 'list-department-events',
    method: 'GET',
    path: '/v1/departments/{dept}/events',
    auth: 'jwt',
    entry: events('list-department-events'),
    access: ['main:read'],
  },
  {
    name: 'accept-event',
    method: 'POST',
    path: '/v1/events/{id}/accept',
    auth: 'jwt',
    entry: events('accept-event'),
    access: ['main:read', 'sfn:task-response'],
  },
  {
    name: 'return-event',
    method: 'POST',
    path: '/v1/events/{id}/return',
    auth: 'jwt',
    entry: events('return-event'),
    access: ['main:read', 'sfn:task-response'],
  },
  {
    name: 'reply-event',
    method: 'POST',
    path: '/v1/events/{id}/reply',
    auth: 'jwt',
    entry: events('reply-event'),
    access: ['main:read', 'sfn:task-response'],
  },
  {
    name: 'rate-event',
    method: 'POST',
    path: '/v1/events/{id}/rating',
    auth: 'jwt',
    entry: events('rate-event'),
    access: ['main:read', 'sfn:task-response'],
  },
  // 12345 report photos (issue 10): a short-lived link; inspectors' reads are logged.
  {
    name: 'get-event-photo',
    method: 'GET',
    path: '/v1/events/{id}/photos/{n}',
    auth: 'jwt',
    entry: events('get-event-photo'),
    access: ['main:read', 'materials:read:events', 'audit:access-log'],
  },
  // Discipline inspectors (issue 8): read-only on the log; each read logs itself (ACCESS#).
  ...auditRoutes,
];

/** `routeKey` as API Gateway HTTP APIs spell it, e.g. `POST /v1/applications`. */
export const routeKey = (r: Pick<RouteSpec, 'method' | 'path'>): string => `${r.method} ${r.path}`;
