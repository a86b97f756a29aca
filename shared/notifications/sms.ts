/**
 * SMS delivery, asynchronous and behind one interface (docs/DESIGN.md "Notifications"):
 * `dispatchSms` (scheduled) hands the marked SMS items to a queue, leasing each for a while so
 * that the next run does not hand it again; `sendSms` (the queue's consumer) reads the number
 * from the application's form at send time, sends through the channel and clears the mark.
 * A request never waits for either: it only writes the outbox item.
 */
import { GetCommand, QueryCommand, UpdateCommand } from '../aws/document-store';
import { maskPhone } from '../identity/mask';
import type { Context } from '../applications/context';
import { SMS_PENDING_PK, smsKey, smsRef, type SmsCarrier } from './records';

export interface SmsMessage {
  id: string;
  /** Mainland mobile number, 11 digits. */
  to: string;
  text: string;
  applicationId: string;
  kind: string;
}

/** Where an SMS goes: a file in the data folder locally, Amazon SNS on AWS. */
export interface SmsChannel {
  send(message: SmsMessage): Promise<void>;
}

/** Hands SMS ids to the consumer: SQS on AWS, a direct call locally. */
export interface SmsQueue {
  enqueue(ids: string[]): Promise<void>;
}

/** How long a handed-out message is left to its consumer before it is handed out again. */
export const SMS_LEASE_MS = 15 * 60_000;
/** Hand-outs before a message is given up (the DLQ has the failed receives; this bounds the re-dispatch). */
export const SMS_MAX_ATTEMPTS = 5;

export async function dispatchSms(
  ctx: Context,
  queue: SmsQueue,
  opts: { limit?: number } = {},
): Promise<{ dispatched: number; dropped: number }> {
  const now = ctx.clock.now();
  const out = await ctx.ddb.send(
    new QueryCommand({
      TableName: ctx.config.tableName,
      IndexName: 'gsi4',
      KeyConditionExpression: 'gsi4pk = :pk AND gsi4sk < :now',
      ExpressionAttributeValues: { ':pk': SMS_PENDING_PK, ':now': now.toISOString() },
      Limit: opts.limit ?? 100,
    }),
  );
  const leased: string[] = [];
  let dropped = 0;
  for (const item of (out.Items ?? []) as SmsCarrier[]) {
    const giveUp = item.attempts >= SMS_MAX_ATTEMPTS;
    const until = new Date(now.getTime() + SMS_LEASE_MS).toISOString();
    try {
      await ctx.ddb.send(
        new UpdateCommand({
          TableName: ctx.config.tableName,
          Key: { pk: item.pk, sk: item.sk },
          ConditionExpression: 'gsi4sk = :seen',
          UpdateExpression: giveUp ? 'SET droppedBecause = :why REMOVE gsi4pk, gsi4sk' : 'SET gsi4sk = :until, attempts = attempts + :one',
          ExpressionAttributeValues: giveUp
            ? { ':seen': item.gsi4sk, ':why': 'attempts' }
            : { ':seen': item.gsi4sk, ':until': `${until}#${item.id}`, ':one': 1 },
        }),
      );
    } catch (error) {
      // Leased or sent meanwhile by another run: not ours to hand out.
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') continue;
      throw error;
    }
    if (giveUp) {
      dropped++;
      ctx.logger.error('sms given up after repeated failures', { notificationId: item.id, applicationId: item.applicationId });
    } else {
      leased.push(smsRef(item));
    }
  }
  // Leased first: a crash before the hand-out delays the message by one lease, never sends it twice.
  if (leased.length) await queue.enqueue(leased);
  return { dispatched: leased.length, dropped };
}

/**
 * Sends the SMS of the item `ref` names (`smsRef`) unless sent already; the number comes from
 * the application's form now.
 */
export async function sendSms(ctx: Context, channel: SmsChannel, ref: string): Promise<'sent' | 'skipped' | 'dropped'> {
  const table = ctx.config.tableName;
  const key = smsKey(ref);
  const item = (await ctx.ddb.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }))).Item as SmsCarrier | undefined;
  const text = item && ('smsText' in item ? item.smsText : 'text' in item ? item.text : undefined);
  if (!item || text === undefined || item.sentAt || item.droppedBecause) return 'skipped';
  const id = item.id;
  const app = await ctx.apps.get(item.applicationId);
  const def = app ? ctx.catalog.getServiceVersion(app.serviceId, app.serviceVersion) : undefined;
  const phone = app && def?.smsPhoneField ? valueAt(app.form, def.smsPhoneField) : undefined;
  if (typeof phone !== 'string' || !/^1[3-9]\d{9}$/.test(phone)) {
    await finish(ctx, key, 'SET droppedBecause = :why REMOVE gsi4pk, gsi4sk', { ':why': 'no-phone' });
    ctx.logger.warn('sms dropped: the application has no mobile number', { notificationId: id, applicationId: item.applicationId });
    return 'dropped';
  }
  await channel.send({ id, to: phone, text, applicationId: item.applicationId, kind: item.kind });
  await finish(ctx, key, 'SET sentAt = :now, maskedPhone = :masked REMOVE gsi4pk, gsi4sk', {
    ':now': ctx.clock.now().toISOString(),
    ':masked': maskPhone(phone),
  });
  ctx.logger.info('sms sent', { notificationId: id, applicationId: item.applicationId, kind: item.kind, phone: maskPhone(phone) });
  return 'sent';
}

async function finish(ctx: Context, key: { pk: string; sk: string }, update: string, values: Record<string, unknown>): Promise<void> {
  try {
    await ctx.ddb.send(
      new UpdateCommand({
        TableName: ctx.config.tableName,
        Key: key,
        ConditionExpression: 'attribute_not_exists(sentAt)',
        UpdateExpression: update,
        ExpressionAttributeValues: values,
      }),
    );
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'ConditionalCheckFailedException') throw error;
  }
}

function valueAt(form: Record<string, unknown>, path: string): unknown {
  let current: unknown = form;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
