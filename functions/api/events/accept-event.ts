/** `POST /v1/events/{id}/accept` (签收) by an officer of its department -> 200; 409 when not waiting for acceptance. */
import { httpHandler, type HandlerOverrides } from '../../http/handler';
import { endpoint } from '../contract';
import { eventService, type EventService, type Lazy } from './services';

export const createAcceptEventHandler = (events: Lazy<EventService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('accept-event'), ...overrides }, async ({ principal, params }) => ({
    status: 200,
    body: await events().act(principal, params.id, { action: 'accept' }),
  }));

export const handler = createAcceptEventHandler(eventService);
