/** `POST /v1/events/{id}/rating` {level 1..5, comment?}: the citizen's callback rating (回访) -> 200, once, after the reply. */
import { httpHandler, type HandlerOverrides } from '../../http/handler';
import { endpoint } from '../contract';
import { eventService, type EventService, type Lazy } from './services';

export const createRateEventHandler = (events: Lazy<EventService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('rate-event'), ...overrides }, async ({ principal, params, body }) => ({
    status: 200,
    body: await events().rate(principal, params.id, body),
  }));

export const handler = createRateEventHandler(eventService);
