/**
 * What each route of functions/routes.ts accepts and returns. Handlers take their roles and
 * schemas from here and `/v1/openapi.json` is generated from here, so the two cannot drift.
 */
import * as z from 'zod';
import type { Role } from '../../shared/auth/principal';
import type { ResponseHeader } from '../http/openapi';
import { APP_ID } from '../../shared/applications/ids';
import * as S from '../../shared/applications/schemas';
import { routes } from '../routes';
import { pageOf } from '../http/pagination';
import * as H from './schemas';
import { APPLICANT_ROLES, READER_ROLES } from '../../shared/names';
import * as W from '../../shared/walkthroughs/schemas';
import * as L from '../../shared/evaluations/schemas';
import * as E from '../../shared/events/api-schemas';
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
/** Who walks the process: officials, and inspectors (whose walk-through changes nothing else). */
const WALKERS = ['official', 'inspector'] as const satisfies readonly Role[];
const OFFICIALS = ['official'] as const satisfies readonly Role[];
const EVALUATION_READERS = ['inspector', 'official', 'officer'] as const satisfies readonly Role[];
/** 12345 events are reported by citizens themselves (no proxy). */
const CITIZENS = ['citizen'] as const satisfies readonly Role[];
/** A report's photos: its reporter, the department it is dispatched to, inspectors. */
const EVENT_PHOTO_READERS = ['citizen', 'officer', 'inspector'] as const satisfies readonly Role[];

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
    summary: 'A presigned PUT for one material (or one photo of a 12345 report: citizens only)',
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
  // Walk-throughs, findings and probes (issue 11; shared/walkthroughs).
  'create-walkthrough': {
    auth: 'jwt',
    summary: 'Walk the process: a real test application (live: officers decide; probe: the system approves)',
    roles: WALKERS,
    body: W.CreateWalkthroughRequest,
    idempotent: true,
    errors: [404],
    response: { status: 201, schema: W.WalkthroughCreated, description: 'Submitted; the report is at `links.self`' },
  },
  'list-walkthroughs': {
    auth: 'jwt',
    summary: 'Every walk-through with its report, newest first',
    roles: WALKERS,
    query: W.WalkthroughListQuery,
    response: { status: 200, schema: pageOf(W.WalkthroughReport), description: 'A page of walk-through reports' },
  },
  'get-walkthrough': {
    auth: 'jwt',
    summary: "A walk-through's report: burden, steps against their limits, findings",
    roles: WALKERS,
    path: H.WalkthroughPath,
    errors: [404],
    response: { status: 200, schema: W.WalkthroughReport, description: 'Computed from the timing log now' },
  },
  'answer-walkthrough-supplement': {
    auth: 'jwt',
    summary: "Answer a department's supplement request in a walk-through, as the citizen would",
    roles: WALKERS,
    path: H.WalkthroughPath,
    body: W.WalkthroughSupplementRequest,
    errors: [404, 409],
    response: { status: 202, schema: W.WalkthroughReport, description: 'Accepted; the branch resumes' },
  },
  'create-finding': {
    auth: 'jwt',
    summary: 'Record a finding of a walk-through',
    roles: WALKERS,
    path: H.WalkthroughPath,
    body: W.FindingRequest,
    idempotent: true,
    errors: [404],
    response: { status: 201, schema: W.FindingView, description: 'The finding, logged in the timing log' },
  },
  'rectify-finding': {
    auth: 'jwt',
    summary: "Record a finding's rectification",
    roles: WALKERS,
    path: H.FindingPath,
    body: W.RectificationRequest,
    errors: [404, 409],
    response: { status: 200, schema: W.FindingView, description: 'The rectified finding (the same note again replays)' },
  },
  'put-probe': {
    auth: 'jwt',
    summary: "Schedule (or pause) a service's probe",
    roles: OFFICIALS,
    path: H.ServicePath,
    body: W.ProbeSettingsRequest,
    errors: [404],
    response: { status: 200, schema: W.ProbeView, description: 'The probe as scheduled' },
  },
  'list-probes': {
    auth: 'jwt',
    summary: 'Every scheduled probe with its last run',
    roles: WALKERS,
    response: { status: 200, schema: z.object({ items: z.array(W.ProbeView) }), description: 'The probes' },
  },
  // 好差评 and notifications (issue 12).
  'evaluate-application': {
    auth: 'jwt',
    summary: 'Rate a final application (好差评), once',
    roles: APPLICANTS,
    path: H.ApplicationPath,
    body: L.EvaluationRequest,
    errors: [404, 409],
    response: { status: 201, schema: L.EvaluationView, description: 'The evaluation; a bad review carries its follow-up' },
  },
  'list-evaluations': {
    auth: 'jwt',
    summary: 'Evaluations, newest first (officers: of the services their department leads)',
    roles: EVALUATION_READERS,
    query: L.EvaluationQuery,
    response: { status: 200, schema: pageOf(L.EvaluationView), description: 'A page of evaluations' },
  },
  'follow-up-evaluation': {
    auth: 'jwt',
    summary: "Answer a bad review (差评回访整改), by the lead department's officer",
    roles: OFFICERS,
    path: L.EvaluationPath,
    body: L.FollowUpRequest,
    errors: [404, 409],
    response: { status: 200, schema: L.EvaluationView, description: 'The evaluation with its answered follow-up' },
  },
  'list-notifications': {
    auth: 'jwt',
    summary: "The caller's messages (站内信), newest first",
    roles: APPLICANTS,
    query: S.ListQuery,
    response: { status: 200, schema: pageOf(L.NotificationView), description: 'A page of notifications' },
  },
  'read-notification': {
    auth: 'jwt',
    summary: "Mark one of the caller's messages read",
    roles: APPLICANTS,
    path: L.NotificationPath,
    errors: [404],
    response: { status: 200, schema: L.NotificationView, description: 'The message, read' },
  },
  // ---- 12345 events (issue 10) ----
  'submit-event': {
    auth: 'jwt',
    summary: 'Report a 12345 event (接诉即办)',
    roles: CITIZENS,
    body: E.SubmitEventRequest,
    idempotent: true,
    errors: [404],
    response: {
      status: 202,
      schema: E.EventAccepted,
      description: 'Accepted; dispatched to one department by the routing table',
      headers: { Location: { description: 'The event: `/v1/events/{id}`', required: true, pattern: '^/v1/events/E' } },
    },
  },
  'get-event': {
    auth: 'jwt',
    summary: "A 12345 event's status and timeline (the reporter's own)",
    roles: CITIZENS,
    path: E.EventPath,
    errors: [404],
    response: { status: 200, schema: E.EventView, description: 'The event' },
  },
  'list-department-events': {
    auth: 'jwt',
    summary: "A department's 12345 event inbox, soonest due first",
    roles: OFFICERS,
    path: H.DepartmentPath,
    query: E.EventInboxQuery,
    response: { status: 200, schema: pageOf(E.EventSummary), description: 'A page of events' },
  },
  'accept-event': {
    auth: 'jwt',
    summary: 'Accept (签收) an event dispatched to your department',
    roles: OFFICERS,
    path: E.EventPath,
    errors: [404, 409],
    response: { status: 200, schema: E.EventActionResult, description: 'Handed to the event’s machine' },
  },
  'return-event': {
    auth: 'jwt',
    summary: 'Return (退单) a misrouted event with a reason: it goes to the next department',
    roles: OFFICERS,
    path: E.EventPath,
    body: E.ReturnEventRequest,
    errors: [404, 409],
    response: { status: 200, schema: E.EventActionResult, description: 'Handed to the event’s machine' },
  },
  'reply-event': {
    auth: 'jwt',
    summary: 'Reply to the citizen: the event is handled',
    roles: OFFICERS,
    path: E.EventPath,
    body: E.ReplyEventRequest,
    errors: [404, 409],
    response: { status: 200, schema: E.EventActionResult, description: 'Handed to the event’s machine' },
  },
  'rate-event': {
    auth: 'jwt',
    summary: 'The callback rating (回访), 1..5, once, after the reply',
    roles: CITIZENS,
    path: E.EventPath,
    body: E.RateEventRequest,
    errors: [404, 409],
    response: { status: 200, schema: E.EventActionResult, description: 'Recorded by the event’s machine' },
  },
  'get-event-photo': {
    auth: 'jwt',
    summary: "A 5-minute link to a 12345 report's photo (the reporter, the assigned department, inspectors)",
    roles: EVENT_PHOTO_READERS,
    path: E.EventPhotoPath,
    errors: [404],
    response: { status: 200, schema: E.EventPhotoLink, description: 'GET `url` before `expiresAt`' },
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
