import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetCommand } from '../../../../shared/aws/document-store';
import type { SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { mockDocumentStore } from '../../support/document-store-mock';
import { createSnsSmsChannel } from '../../../../shared/notifications/channels/sns';
import { createSqsSmsQueue } from '../../../../shared/notifications/channels/sqs-queue';
import { createSmsSendHandler } from '../../../../functions/notifications/sms-send';
import type { SmsChannel } from '../../../../shared/notifications/sms';
import { testDeps } from '../applications/helpers';

const message = { id: 'N1', to: '13800138000', text: '您的申请已受理 / received', applicationId: 'A1', kind: 'decided' };

describe('SNS SMS channel (AWS)', () => {
  const sns = mockClient(SNSClient);
  beforeEach(() => sns.reset());

  it('publishes a transactional SMS to the +86 number, with the sender id when the site has one', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    await createSnsSmsChannel(new SNSClient({ region: 'cn-north-1' })).send(message);
    await createSnsSmsChannel(new SNSClient({ region: 'cn-north-1' }), { senderId: 'OneThing' }).send(message);
    const [plain, branded] = sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
    expect(plain).toEqual({
      PhoneNumber: '+8613800138000',
      Message: message.text,
      MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
    });
    expect(branded?.MessageAttributes?.['AWS.SNS.SMS.SenderID']).toEqual({ DataType: 'String', StringValue: 'OneThing' });
  });

  it('throws when SNS refuses, so the queue retries the message (then the DLQ)', async () => {
    sns.on(PublishCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(createSnsSmsChannel(new SNSClient({ region: 'cn-north-1' })).send(message)).rejects.toThrow('Rate exceeded');
  });
});

describe('SQS SMS queue (AWS)', () => {
  const sqs = mockClient(SQSClient);
  beforeEach(() => sqs.reset());
  const url = 'https://sqs.cn-north-1.amazonaws.com.cn/123456789012/onething-sms';

  it('sends ids only, in batches of at most 10 (the SQS limit)', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    const ids = Array.from({ length: 23 }, (_, i) => `N${i}`);
    await createSqsSmsQueue(new SQSClient({ region: 'cn-north-1' }), url).enqueue(ids);
    const batches = sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input);
    expect(batches.map((b) => b.Entries?.length)).toEqual([10, 10, 3]);
    expect(batches.every((b) => b.QueueUrl === url)).toBe(true);
    // No number, no text on the queue: the sender reads them at send time.
    expect(batches.flatMap((b) => b.Entries!.map((e) => e.MessageBody))).toEqual(ids);
  });

  it('throws naming the code when SQS refuses an entry (the lease hands the message out again later)', async () => {
    sqs.on(SendMessageBatchCommand).resolves({
      Successful: [{ Id: '0', MessageId: 'x', MD5OfMessageBody: 'y' }],
      Failed: [{ Id: '1', Code: 'InternalError', SenderFault: false }],
    });
    await expect(createSqsSmsQueue(new SQSClient({ region: 'cn-north-1' }), url).enqueue(['N0', 'N1'])).rejects.toThrow(
      /SQS refused 1 SMS message\(s\): InternalError/,
    );
  });
});

describe('sms-send handler (SQS partial batch responses)', () => {
  it('returns exactly the records that failed, and the others are not retried', async () => {
    const deps = testDeps();
    const ddb = mockDocumentStore(deps.ddb);
    // N-bad: DynamoDB fails; N-gone: nothing to send (already handled, or never existed).
    ddb.on(GetCommand, { Key: { pk: 'SMS#N-bad', sk: 'SMS' } }).rejects(new Error('ProvisionedThroughputExceeded'));
    ddb.on(GetCommand, { Key: { pk: 'SMS#N-gone', sk: 'SMS' } }).resolves({});
    const channel: SmsChannel = { send: jest.fn() };
    const handler = createSmsSendHandler(
      () => deps,
      () => channel,
    );
    const record = (messageId: string, body: string) => ({ messageId, body }) as SQSEvent['Records'][number];
    const out = await handler({ Records: [record('m1', 'N-gone'), record('m2', 'N-bad')] });
    expect(out).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }] });
    expect(channel.send).not.toHaveBeenCalled();
  });
});
