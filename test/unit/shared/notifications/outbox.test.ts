/**
 * The outbox addresses notifications from the application the caller holds (issue 9) and
 * writes an event's SMS on the in-app message of its first SMS notice: one conditional put per notice.
 */
import { PutCommand } from '../../../../shared/aws/document-store';
import { mockDocumentStore } from '../../support/document-store-mock';
import { createOutbox } from '../../../../shared/notifications/outbox';
import type { TimingEvent } from '../../../../shared/audit/types';
import { APP_ID, appRecord, testDeps } from '../applications/helpers';

const ddbMock = mockDocumentStore();
afterEach(() => ddbMock.reset());

const deps = testDeps();
const app = appRecord({ ownerSub: 'parent-1' });
const getWithTasks = jest.fn(async () => ({ application: app, tasks: [] }));
afterEach(() => getWithTasks.mockClear());
const outbox = createOutbox({
  ddb: deps.ddb,
  tableName: 'main',
  catalog: deps.catalog,
  calendar: deps.calendar,
  logger: deps.logger,
  getWithTasks,
  followUpNote: async () => undefined,
});

const event = (type: string, key: string, detail: Record<string, unknown>, department?: string): TimingEvent =>
  ({
    applicationId: APP_ID,
    eventId: `${APP_ID}#0000000007`,
    seq: 7,
    at: '2026-11-02T03:00:00.000Z',
    key,
    type,
    actor: { role: 'system' },
    serviceId: app.serviceId,
    walkthrough: false,
    ...(department ? { department } : {}),
    detail,
    prevHash: '0'.repeat(64),
    hash: '1'.repeat(64),
  }) as TimingEvent;

const puts = () => ddbMock.commandCalls(PutCommand).map((c) => c.args[0].input.Item as Record<string, any>);

test('a decision held with its application is addressed without reading it: one put in the owner inbox, no SMS', async () => {
  ddbMock.on(PutCommand).resolves({});
  await outbox.record(APP_ID, [event('decided', 'decided:education:0', { decision: 'approve' }, 'education')], { app });
  expect(getWithTasks).not.toHaveBeenCalled();
  expect(puts()).toHaveLength(1);
  expect(puts()[0]).toMatchObject({ pk: 'INBOX#parent-1', kind: 'department-decision', applicationId: APP_ID });
  expect(puts()[0]).not.toHaveProperty('smsText');
  expect(puts()[0]).not.toHaveProperty('gsi4pk');
});

test('completed: one SMS for the result and the invitation, on the result message: two puts, not four', async () => {
  ddbMock.on(PutCommand).resolves({});
  await outbox.record(APP_ID, [event('completed', 'completed', { outcome: 'approved' })], { app, tasks: [] });
  expect(getWithTasks).not.toHaveBeenCalled();
  const [result, invitation] = puts();
  expect(puts().map((i) => i.kind)).toEqual(['result', 'evaluation-invitation']);
  expect(result).toMatchObject({ pk: 'INBOX#parent-1', attempts: 0, gsi4pk: 'PENDING#sms', gsi4sk: `${result!.at}#${result!.id}` });
  // Both notices' texts, Chinese first: the phone gets one message at completion, not two.
  expect(result!.smsText).toContain(result!.title.zh);
  expect(result!.smsText).toContain(invitation!.title.zh);
  expect(result!.smsText.indexOf(invitation!.title.zh)).toBeLessThan(result!.smsText.indexOf(result!.title.en));
  expect(result!.smsText).not.toMatch(/1[3-9]\d{9}/);
  expect(invitation).toMatchObject({ pk: 'INBOX#parent-1', kind: 'evaluation-invitation' });
  expect(invitation).not.toHaveProperty('smsText');
  expect(invitation).not.toHaveProperty('gsi4pk');
  expect(ddbMock.commandCalls(PutCommand).every((c) => c.args[0].input.ConditionExpression === 'attribute_not_exists(pk)')).toBe(true);
});

test('completed without the tasks (a rejection needs their reasons) reads the application and its tasks', async () => {
  ddbMock.on(PutCommand).resolves({});
  await outbox.record(APP_ID, [event('completed', 'completed', { outcome: 'approved' })], { app });
  expect(getWithTasks).toHaveBeenCalledTimes(1);
  expect(puts()).toHaveLength(2);
});

test('addressing given for another application is not used', async () => {
  ddbMock.on(PutCommand).resolves({});
  await outbox.record(APP_ID, [event('withdrawn', 'withdrawn', {})], { app: { ...app, id: 'A01JOTHER00000000000000000000' } });
  expect(getWithTasks).toHaveBeenCalledTimes(1);
  expect(puts()[0]).toMatchObject({ pk: 'INBOX#parent-1', kind: 'withdrawal-confirmed' });
});
