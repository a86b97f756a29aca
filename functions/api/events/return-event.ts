/** `POST /v1/events/{id}/return` {reason} (退单) -> 200: back to dispatch, the next department of the route. */
import { httpHandler, type HandlerOverrides } from '../../http/handler';
import { endpoint } from '../contract';
import { eventService, type EventService, type Lazy } from './services';

export const createReturnEventHandler = (events: Lazy<EventService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('return-event'), ...overrides }, async ({ principal, params, body }) => ({
    status: 200,
    body: await events().act(principal, params.id, { action: 'return', reason: body.reason }),
  }));

export const handler = createReturnEventHandler(eventService);
