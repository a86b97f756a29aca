/**
 * The notification items of the main table (docs/DESIGN.md "Notifications"):
 * - in-app (站内信): pk `INBOX#<sub>`, sk = the notification id, newest last in sort order;
 * - an SMS rides on the in-app message of the same notice (issue 9: one put for both): its
 *   text in `smsText`, its delivery state beside it, and the sparse mark `gsi4pk=PENDING#sms`,
 *   `gsi4sk=<not before>#<id>` until it is handed to the channel. Items written before that
 *   are SMS items of their own (pk `SMS#<id>`, sk `SMS`, text in `text`) and are sent the same way.
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

export interface InboxItem extends NotificationBase, Partial<SmsDelivery> {
  pk: string;
  sk: string;
  recipient: string;
  title: LocalizedName;
  body: LocalizedName;
  read: boolean;
  readAt?: string;
  /** The SMS of the same notice (zh first, then en), when it goes out as SMS too. */
  smsText?: string;
}

/** An SMS item of its own, as written before SMS rode on the in-app message; still sent. */
export interface SmsItem extends NotificationBase, SmsDelivery {
  pk: string;
  sk: 'SMS';
  /** zh first, then en. The number is not stored here: the sender reads it from the application. */
  text: string;
}

/** Where an SMS stands; the sender reads the number from the application when it sends. */
export interface SmsDelivery {
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

/** An item that carries an SMS: an in-app message with `smsText`, or an older SMS item. */
export type SmsCarrier = (InboxItem & SmsDelivery) | SmsItem;

/**
 * What the queue carries to the sender: the carrying item's key, as JSON (no number, no
 * text). An older SMS item is referred to by its bare id, as queued before.
 */
export const smsRef = (item: Pick<SmsCarrier, 'pk' | 'sk' | 'id'>): string =>
  item.sk === 'SMS' ? item.id : JSON.stringify({ pk: item.pk, sk: item.sk });

/** The key of the item a queued reference names; a malformed one throws (the queue retries, then its DLQ). */
export function smsKey(ref: string): { pk: string; sk: string } {
  if (!ref.startsWith('{')) return { pk: smsPk(ref), sk: 'SMS' };
  const key = JSON.parse(ref) as { pk?: unknown; sk?: unknown };
  if (typeof key.pk !== 'string' || !key.pk.startsWith('INBOX#') || typeof key.sk !== 'string') {
    throw new Error('an SMS reference names no in-app message');
  }
  return { pk: key.pk, sk: key.sk };
}
