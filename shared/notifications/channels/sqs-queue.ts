import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SmsQueue } from '../sms';

/** The SMS queue on AWS: each message body is one SMS reference (`smsRef`: the carrying item's key; no number, no text). */
export function createSqsSmsQueue(sqs: SQSClient, queueUrl: string): SmsQueue {
  return {
    async enqueue(ids) {
      for (let i = 0; i < ids.length; i += 10) {
        const batch = ids.slice(i, i + 10);
        const out = await sqs.send(
          new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: batch.map((id, n) => ({ Id: String(n), MessageBody: id })) }),
        );
        // A refused entry stays leased and is dispatched again after its lease.
        if (out.Failed?.length) throw new Error(`SQS refused ${out.Failed.length} SMS message(s): ${out.Failed[0]?.Code ?? 'unknown'}`);
      }
    },
  };
}
