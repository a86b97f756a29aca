/**
 * The caller's in-app messages (站内信): `GET /v1/notifications` (newest first, paginated) and
 * `POST /v1/notifications/{id}/read`. A message lives in its recipient's partition, so one
 * that is not the caller's is simply not found (404), never revealed.
 */
import { QueryCommand, UpdateCommand, type DocumentStore } from '../aws/document-store';
import type { Principal } from '../auth/principal';
import type { Clock } from '../clock';
import { NotFoundError } from '../errors';
import type { CursorCodec, CursorList } from '../applications/cursor';
import { inboxPk, notificationView, type InboxItem, type NotificationView } from './records';

export function createInbox(deps: { ddb: DocumentStore; tableName: string; cursors: CursorCodec; clock: Clock }) {
  const { ddb, tableName, cursors } = deps;
  return {
    async list(p: Principal, q: { limit: number; cursor?: string }): Promise<{ items: NotificationView[]; nextCursor?: string }> {
      const list: CursorList = {
        name: 'notifications',
        bindings: { recipient: p.sub },
        partition: { pk: inboxPk(p.sub) },
        carried: ['sk'],
      };
      const out = await ddb.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': inboxPk(p.sub) },
          ScanIndexForward: false,
          Limit: q.limit,
          ExclusiveStartKey: cursors.decode(q.cursor, list),
        }),
      );
      const items = (out.Items ?? []) as InboxItem[];
      const nextCursor = cursors.encode(out.LastEvaluatedKey, list);
      return { items: items.map(notificationView), ...(nextCursor ? { nextCursor } : {}) };
    },

    /** Marks the caller's message read (again: unchanged, 200); another's or none: 404. */
    async markRead(p: Principal, id: string): Promise<NotificationView> {
      try {
        const out = await ddb.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: inboxPk(p.sub), sk: id },
            ConditionExpression: 'attribute_exists(pk)',
            UpdateExpression: 'SET #read = :true, readAt = if_not_exists(readAt, :now)',
            ExpressionAttributeNames: { '#read': 'read' },
            ExpressionAttributeValues: { ':true': true, ':now': deps.clock.now().toISOString() },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return notificationView(out.Attributes as InboxItem);
      } catch (error) {
        if (error instanceof Error && error.name === 'ConditionalCheckFailedException')
          throw new NotFoundError(`notification ${id} not found`);
        throw error;
      }
    },
  };
}

export type Inbox = ReturnType<typeof createInbox>;
