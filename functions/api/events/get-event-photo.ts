/** `GET /v1/events/{id}/photos/{n}` -> a 5-minute presigned GET `{url, expiresAt}` of a report's photo. */
import { httpHandler, type HandlerOverrides } from '../../http/handler';
import { endpoint } from '../contract';
import { auditService } from '../services';
import { loggingInspectorReads } from '../audit/inspector-reads';
import { eventService, type EventService, type Lazy } from './services';

export const createGetEventPhotoHandler = (events: Lazy<EventService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('get-event-photo'), ...overrides }, async ({ principal, params }) => ({
    status: 200,
    body: await events().photoLink(principal, params.id, params.n),
  }));

// Inspectors' reads are logged, as for application materials (functions/api/audit/inspector-reads.ts).
export const handler = loggingInspectorReads('get-event-photo', createGetEventPhotoHandler(eventService), () => auditService().accessLog);
