/** `GET /v1/departments/{dept}/events?status&limit&cursor`: the department's event inbox, soonest due first. */
import { httpHandler, type HandlerOverrides } from '../../http/handler';
import { toPage } from '../../http/pagination';
import { endpoint } from '../contract';
import { eventService, type EventService, type Lazy } from './services';

export const createListDepartmentEventsHandler = (events: Lazy<EventService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('list-department-events'), ...overrides }, async ({ principal, params, query }) => ({
    status: 200,
    body: toPage(await events().inbox(principal, params.dept, query)),
  }));

export const handler = createListDepartmentEventsHandler(eventService);
