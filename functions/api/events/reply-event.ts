/** `POST /v1/events/{id}/reply` {text}: the handling reply to the citizen -> 200; the event is handled (completed). */
import { httpHandler, type HandlerOverrides } from '../../http/handler';
import { endpoint } from '../contract';
import { eventService, type EventService, type Lazy } from './services';

export const createReplyEventHandler = (events: Lazy<EventService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('reply-event'), ...overrides }, async ({ principal, params, body }) => ({
    status: 200,
    body: await events().act(principal, params.id, { action: 'reply', text: body.text }),
  }));

export const handler = createReplyEventHandler(eventService);
