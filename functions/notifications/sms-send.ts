/**
 * `sms-send` (SQS event source, partial batch responses): each record's body is one SMS
 * reference (`smsRef`: the key of the in-app message carrying it, or an older SMS item's id). A failure returns that record to the queue (its retries, then the DLQ).
 */
import { SNSClient } from '@aws-sdk/client-sns';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createSmsSender, type SmsChannel } from '../../shared/notifications';
import { createSnsSmsChannel } from '../../shared/notifications/channels/sns';
import type { PlatformDeps } from '../../shared/deps';
import { lambdaDeps } from '../deps';
import { once } from '../lazy';

export function createSmsSendHandler(deps: () => PlatformDeps, channel: () => SmsChannel) {
  const send = once(() => createSmsSender(deps(), channel()));
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const failures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      try {
        await send()(record.body);
      } catch (error) {
        deps().logger.error('sms send failed', { messageId: record.messageId, error: error as Error });
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures: failures };
  };
}

const snsChannel = once(() => createSnsSmsChannel(new SNSClient({ region: lambdaDeps().config.region })));

export const handler = createSmsSendHandler(lambdaDeps, snsChannel);
