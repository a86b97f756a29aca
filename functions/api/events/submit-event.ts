/** `POST /v1/events` -> 202 `{id, status, links}`; `Idempotency-Key`: same body replays, different -> 422. */
import { httpHandler, type HandlerOverrides } from '../../http/handler';
import { endpoint } from '../contract';
import { eventService, type EventService, type Lazy } from './services';

export const createSubmitEventHandler = (events: Lazy<EventService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('submit-event'), ...overrides }, async ({ principal, body, idempotencyKey }) => {
    const { event, replayed } = await events().submit(principal, body, idempotencyKey);
    const self = `/v1/events/${event.id}`;
    const headers: Record<string, string> = { location: self };
    if (replayed) headers['idempotent-replayed'] = 'true';
    // A replay answers the first response again (HTTP-API.md): a new event is always accepted as
    // `dispatched`, whether or not a department has accepted it since.
    return { status: 202, body: { id: event.id, status: replayed ? 'dispatched' : event.status, links: { self } }, headers };
  });

export const handler = createSubmitEventHandler(eventService);
