/**
 * The notification outbox: for each notifying timing-log event, the applicant's in-app message,
 * carrying (for the kinds that go out as SMS, when the service names a phone field) the SMS
 * text and the mark for sending. Written in the step that logs the event, by the same call: whoever
 * replays the step (its retry, reconcile, the state machine's retry) replays the writes,
 * and each write is a conditional put of a derived id, so it exists exactly once.
 */
import { PutCommand, type DocumentStore } from '../aws/document-store';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { TimingEvent } from '../audit/types';
import type { WorkingCalendar } from '../calendar';
import type { ApplicationRecord, TaskRecord } from '../applications/records';
import type { Catalog } from '../../workflows/types';
import { DEFAULT_NOTIFICATION_TEMPLATES, SMS_KINDS, type NotificationText } from '../../workflows/notification-templates';
import { NOTIFYING_EVENT_TYPES, noticesFor, type Notice } from './rules';
import { inboxPk, notificationId, SMS_PENDING_PK, type InboxItem } from './records';

export interface OutboxDeps {
  ddb: DocumentStore;
  tableName: string;
  catalog: Catalog;
  calendar: WorkingCalendar;
  logger: Logger;
  /** The application and its tasks (one Query). */
  getWithTasks(applicationId: string): Promise<{ application?: ApplicationRecord; tasks: TaskRecord[] }>;
  /** The note of a followed-up evaluation. */
  followUpNote(evaluationId: string): Promise<string | undefined>;
}

/** What addressing and wording a notification needs of its application (no form, no materials). */
export type NotifiedApplication = Pick<ApplicationRecord, 'id' | 'serviceId' | 'serviceVersion' | 'ownerSub' | 'walkthrough'>;

/**
 * The application as the caller already holds it, so the outbox need not read it again (one
 * Query per notifying append otherwise). `tasks` only matters to `completed` (a rejection's
 * reasons); without them such an event is addressed from a fresh read.
 */
export interface Addressing {
  app: NotifiedApplication;
  tasks?: readonly TaskRecord[];
}

export interface Outbox {
  /** Writes the notifications of those `events` that notify; idempotent per event key. */
  record(applicationId: string, events: readonly TimingEvent[], about?: Addressing): Promise<void>;
}

export function createOutbox(deps: OutboxDeps): Outbox {
  const putOnce = async (item: InboxItem) => {
    try {
      await deps.ddb.send(new PutCommand({ TableName: deps.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
    } catch (error) {
      // Written before (a replayed step): exactly once, and a message already read stays read.
      if (!(error instanceof Error) || error.name !== 'ConditionalCheckFailedException') throw error;
    }
  };

  return {
    async record(applicationId, events, about) {
      const notifying = events.filter((e) => NOTIFYING_EVENT_TYPES.has(e.type));
      if (notifying.length === 0) return;
      const needsTasks = notifying.some((e) => e.type === 'completed');
      const { app, tasks } =
        about && about.app.id === applicationId && (about.tasks || !needsTasks)
          ? { app: about.app, tasks: about.tasks ?? [] }
          : await readAddressing(deps, applicationId);
      if (!app) return;
      const def = deps.catalog.getServiceVersion(app.serviceId, app.serviceVersion);
      const templates = { ...DEFAULT_NOTIFICATION_TEMPLATES, ...def.notificationTemplates };
      const items: InboxItem[] = [];
      for (const event of notifying) {
        const evaluationId = typeof event.detail?.evaluationId === 'string' ? event.detail.evaluationId : undefined;
        const followUpNote = event.type === 'followed-up' && evaluationId ? await deps.followUpNote(evaluationId) : undefined;
        const notices = noticesFor({ event, app, tasks, def, calendar: deps.calendar, ...(followUpNote ? { followUpNote } : {}) });
        const texts = notices.map((notice) => templates[notice.kind](notice.facts));
        // One SMS per event, on its first SMS notice's message (one conditional put for both):
        // a completion's result and invitation to evaluate reach the phone as one text.
        const sms = def.smsPhoneField ? notices.flatMap((notice, i) => (SMS_KINDS.includes(notice.kind) ? [i] : [])) : [];
        notices.forEach((notice, ordinal) => {
          const message = inboxItem(app, event, notice, ordinal, texts[ordinal]!);
          items.push(
            ordinal === sms[0]
              ? withSms(
                  message,
                  sms.map((i) => texts[i]!),
                )
              : message,
          );
        });
      }
      await Promise.all(items.map(putOnce));
    },
  };
}

async function readAddressing(
  deps: OutboxDeps,
  applicationId: string,
): Promise<{ app?: NotifiedApplication; tasks: readonly TaskRecord[] }> {
  const { application, tasks } = await deps.getWithTasks(applicationId);
  return { ...(application ? { app: application } : {}), tasks };
}

const common = (app: NotifiedApplication, event: TimingEvent, notice: Notice) => ({
  applicationId: app.id,
  serviceId: app.serviceId,
  kind: notice.kind,
  at: event.at,
  eventKey: event.key,
  walkthrough: app.walkthrough,
});

/** The message in the submitter's inbox (the applicant, or the proxy who submitted for someone). */
function inboxItem(app: NotifiedApplication, event: TimingEvent, notice: Notice, ordinal: number, text: NotificationText): InboxItem {
  const id = notificationId(event.at, { applicationId: app.id, eventKey: event.key, kind: notice.kind, recipient: app.ownerSub, ordinal });
  return { pk: inboxPk(app.ownerSub), sk: id, id, recipient: app.ownerSub, ...common(app, event, notice), ...text, read: false };
}

/**
 * The message with the SMS to the form's phone: the person the application is for, also when
 * a proxy submitted it (the message itself is in the submitter's inbox). Marked for sending.
 * The SMS holds every SMS notice of the event, Chinese first, then English.
 */
function withSms(message: InboxItem, texts: readonly NotificationText[]): InboxItem {
  const zh = texts.map((t) => `${t.title.zh} ${t.body.zh}`).join(' ');
  const en = texts.map((t) => `${t.title.en}. ${t.body.en}`).join(' ');
  return {
    ...message,
    smsText: `${zh}\n${en}`,
    attempts: 0,
    gsi4pk: SMS_PENDING_PK,
    gsi4sk: `${message.at}#${message.id}`,
  };
}
