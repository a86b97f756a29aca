import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { SmsChannel } from '../sms';

/**
 * Amazon SNS direct-to-phone SMS (docs/DEPLOY.md "SMS"): transactional, to +86 numbers. A
 * throttled or failed publish throws, so the SQS message is retried and, after its receives,
 * lands in the DLQ (alarmed).
 */
export function createSnsSmsChannel(sns: SNSClient, opts: { senderId?: string } = {}): SmsChannel {
  return {
    async send(m) {
      await sns.send(
        new PublishCommand({
          PhoneNumber: `+86${m.to}`,
          Message: m.text,
          MessageAttributes: {
            'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
            ...(opts.senderId ? { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: opts.senderId } } : {}),
          },
        }),
      );
    },
  };
}
