/** `GET /v1/notifications?limit&cursor`: the caller's messages, newest first. */
import { httpHandler, type HandlerOverrides } from '../http/handler';
import { toPage } from '../http/pagination';
import { endpoint } from './contract';
import { notificationService, type Lazy, type NotificationService } from './services';

/** Builds the handler over a notification service getter. */
export const createListNotificationsHandler = (notifications: Lazy<NotificationService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('list-notifications'), ...overrides }, async ({ principal, query }) => ({
    status: 200,
    body: toPage(await notifications().list(principal, query)),
  }));

export const handler = createListNotificationsHandler(notificationService);
