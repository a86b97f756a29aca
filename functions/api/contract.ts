/**
 * What each route of functions/routes.ts accepts and returns. Handlers take their roles and
 * schemas from here and `/v1/openapi.json` is generated from here, so the two cannot drift.
 */
import type * as z from 'zod';
import type { Role } from '../../shared/auth/principal';
import type { ResponseHeader } from '../http/openapi';
import { APP_ID } from '../../shared/applications/ids';
import * as S from '../../shared/applications/schemas';
import { routes } from '../routes';
import { pageOf } from '../http/pagination';
import * as H from './schemas';
import { APPLICANT_ROLES, READER_ROLES } from '../../shared/names';
import { auditContracts } from './audit/contract';

export interface EndpointContract {
  auth: 'public' | 'jwt';
  summary: string;
  roles?: readonly Role[];
  body?: z.ZodType;
  query?: z.ZodType;
  path?: z.ZodType;
  /** Whether the endpoint stores `Idempotency-Key` (replay; different body -> 422). See docs/API.md. */
  idempotent?: boolean;
  response: {
    status: number;
    schema: z.ZodType;
    description: string;
    headers?: Readonly<Record<string, ResponseHeader>>;
    /** A non-JSON success body (text): its media types; default `application/json`. */
    mediaTypes?: readonly string[];
  };
  /** Statuses the service itself may return, beyond those implied by auth and schemas. */
  errors?: readonly number[];
}

const APPLICANTS = APPLICANT_ROLES;
const READERS = READER_ROLES;
const OFFICERS = ['officer'] as const satisfies readonly Role[];

export const contracts = {
  health: {
    auth: 'public',
    summary: 'Liveness and readiness',
    response: { status: 200, schema: H.Health, description: 'Every component is up' },
  },
  'get-openapi': {
    auth: 'public',
    summary: 'This document',
    response: { status: 200, schema: H.OpenApiDocument, description: 'OpenAPI 3.1' },
  },
  'list-services': {
    auth: 'public',
    summary: 'The catalog of "one things"',
    response: { status: 200, schema: H.ServiceList, description: 'Current version of every service' },
  },
  'get-service': {
    auth: 'public',
    summary: 'One service: form schema and materials',
    path: H.ServicePath,
    errors: [404],
    response: { status: 200, schema: H.ServiceDetail, description: 'The service' },
  },
  'create-upload': {
    auth: 'jwt',
    summary: 'A presigned PUT for one material',
    roles: APPLICANTS,
    body: S.CreateUploadRequest,
    errors: [404],
    response: { status: 201, schema: S.UploadTicket, description: 'PUT the bytes to `url` with `headers`' },
  },
  'submit-application': {
    auth: 'jwt',
    summary: 'Submit an application',
    roles: APPLICANTS,
    body: S.SubmitApplicationRequest,
    idempotent: true,
    errors: [404],
    response: {
      status: 202,
      schema: H.ApplicationAccepted,
      description: 'Accepted; the departments review it in parallel',
      headers: {
        Location: {
          description: 'The application: `/v1/applications/{id}`',
          required: true,
          pattern: `^/v1/applications/${APP_ID.source.slice(1)}`,
        },
        'Idempotent-Replayed': {
          description: '`true` when this answers a repeated Idempotency-Key with the first response',
          required: false,
          pattern: '^true$',
        },
      },
    },
  },
  'list-applications': {
    auth: 'jwt',
    summary: "The caller's applications, newest first",
    roles: APPLICANTS,
    query: S.ListQuery,
    response: { status: 200, schema: pageOf(S.ApplicationSummary), description: 'A page of applications' },
  },
  'get-application': {
    auth: 'jwt',
    summary: 'One application with branches and timeline',
    roles: READERS,
    path: H.ApplicationPath,
    errors: [404],
    response: { status: 200, schema: S.ApplicationView, description: 'The application' },
  },
  'provide-supplement': {
    auth: 'jwt',
    summary: "Answer a department's supplement request",
    roles: APPLICANTS,
    path: H.ApplicationPath,
    body: S.SupplementRequest,
    errors: [404, 409],
    response: { status: 202, schema: S.ApplicationView, description: 'Accepted; the branch resumes' },
  },
  'withdraw-application': {
    auth: 'jwt',
    summary: 'Withdraw an application',
    roles: APPLICANTS,
    path: H.ApplicationPath,
    errors: [404, 409],
    response: { status: 202, schema: S.ApplicationView, description: 'Withdrawn; open tasks are cancelled' },
  },
  'get-material-link': {
    auth: 'jwt',
    summary: 'A short-lived download link for a material',
    roles: READERS,
    path: H.MaterialPath,
    errors: [404],
    response: { status: 200, schema: S.MaterialLink, description: 'Presigned GET' },
  },
  'list-department-tasks': {
    auth: 'jwt',
    summary: "A department's inbox, soonest due first",
    roles: OFFICERS,
    path: H.DepartmentPath,
    query: S.InboxQuery,
    response: { status: 200, schema: pageOf(S.TaskSummary), description: 'A page of tasks' },
  },
  'get-task': {
    auth: 'jwt',
    summary: 'A task with what the department may see',
    roles: OFFICERS,
    path: H.TaskPath,
    errors: [404],
    response: { status: 200, schema: S.TaskDetail, description: 'The task' },
  },
  'decide-task': {
    auth: 'jwt',
    summary: 'Approve, reject or request supplements',
    roles: OFFICERS,
    path: H.TaskPath,
    body: S.DecisionRequest,
    errors: [404, 409],
    response: { status: 200, schema: S.DecisionResult, description: 'The recorded decision (a replay returns it again)' },
  },
  ...auditContracts,
} satisfies Record<string, EndpointContract>;

export type EndpointName = keyof typeof contracts;

/**
 * The contract of a route, checked against the route table at cold start: a handler whose
 * auth disagrees with the authorizer CDK configures must not deploy silently.
 *
 * @example export const handler = httpHandler(endpoint('get-task'), async (req) => ...);
 */
export function endpoint<N extends EndpointName>(name: N): (typeof contracts)[N] {
  const route = routes.find((r) => r.name === name);
  const contract = contracts[name];
  if (!route) throw new Error(`functions/api/contract: no route named ${name} in functions/routes.ts`);
  if (route.auth !== contract.auth)
    throw new Error(`functions/api/contract: ${name} is ${contract.auth} here but ${route.auth} in the route table`);
  return contract;
}
