/** `POST /v1/notifications/{id}/read` -> 200; a message that is not the caller's is 404. */
import { httpHandler, type HandlerOverrides } from '../http/handler';
import { endpoint } from './contract';
import { notificationService, type Lazy, type NotificationService } from './services';

/** Builds the handler over a notification service getter. */
export const createReadNotificationHandler = (notifications: Lazy<NotificationService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('read-notification'), ...overrides }, async ({ principal, params }) => ({
    status: 200,
    body: await notifications().markRead(principal, params.id),
  }));

export const handler = createReadNotificationHandler(notificationService);
