/**
 * The notification items of the main table (docs/DESIGN.md "Notifications"):
 * - in-app (站内信): pk `INBOX#<sub>`, sk = the notification id, newest last in sort order;
 * - SMS outbox: pk `SMS#<id>`, sk `SMS`, with the sparse mark `gsi4pk=PENDING#sms`,
 *   `gsi4sk=<not before>#<id>` until the message is handed to the channel.
 * Ids are derived from the application, the event key, the kind and the recipient, and start
 * with the event's instant: writing the same notification again is the same conditional put.
 */
import { createHash } from 'node:crypto';
import type { LocalizedName } from '../../workflows/types';
import type { NotificationKind } from '../../workflows/notification-templates';

export const NOTIFICATION_ID = /^N\d{8}T\d{9}Z\d[0-9a-f]{19}$/;
export const SMS_PENDING_PK = 'PENDING#sms';

export const inboxPk = (sub: string) => `INBOX#${sub}`;
export const smsPk = (id: string) => `SMS#${id}`;

/**
 * `N<yyyymmddThhmmssSSSZ><ordinal><19 hex>`: ordered by the event's instant, then by the
 * notice's place among its event's notices (the result before the invitation to evaluate),
 * and the same for the same notification.
 */
export function notificationId(
  at: string,
  parts: { applicationId: string; eventKey: string; kind: NotificationKind; recipient: string; ordinal: number },
): string {
  const hash = createHash('sha256')
    .update([parts.applicationId, parts.eventKey, parts.kind, parts.recipient].join('\n'))
    .digest('hex')
    .slice(0, 19);
  return `N${at.replace(/[-:.]/g, '')}${Math.min(parts.ordinal, 9)}${hash}`;
}

interface NotificationBase {
  id: string;
  applicationId: string;
  serviceId: string;
  kind: NotificationKind;
  /** The causing event's instant and key. */
  at: string;
  eventKey: string;
  walkthrough: boolean;
}

export interface InboxItem extends NotificationBase {
  pk: string;
  sk: string;
  recipient: string;
  title: LocalizedName;
  body: LocalizedName;
  read: boolean;
  readAt?: string;
}

export interface SmsItem extends NotificationBase {
  pk: string;
  sk: 'SMS';
  /** zh first, then en. The number is not stored here: the sender reads it from the application. */
  text: string;
  attempts: number;
  sentAt?: string;
  /** Set when it could not be sent (no number, or the channel refused it for good). */
  droppedBecause?: string;
  /** The number as shown in logs, once sent. */
  maskedPhone?: string;
  gsi4pk?: string;
  gsi4sk?: string;
}

/** The API shape of an in-app notification (HTTP-API.md). */
export interface NotificationView {
  id: string;
  at: string;
  kind: NotificationKind;
  applicationId: string;
  title: LocalizedName;
  body: LocalizedName;
  read: boolean;
}

export const notificationView = (i: InboxItem): NotificationView => ({
  id: i.id,
  at: i.at,
  kind: i.kind,
  applicationId: i.applicationId,
  title: i.title,
  body: i.body,
  read: i.read,
});
