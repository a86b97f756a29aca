/** `GET /v1/events/{id}`: status and timeline, the citizen's own (404 otherwise). */
import { httpHandler, type HandlerOverrides } from '../../http/handler';
import { endpoint } from '../contract';
import { eventService, type EventService, type Lazy } from './services';

export const createGetEventHandler = (events: Lazy<EventService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('get-event'), ...overrides }, async ({ principal, params }) => ({
    status: 200,
    body: await events().get(principal, params.id),
  }));

export const handler = createGetEventHandler(eventService);
