import { GetObjectCommand, CopyObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { SFNClient, StartExecutionCommand, ExecutionAlreadyExists, SFNServiceException } from '@aws-sdk/client-sfn';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '../../../../shared/aws/document-store';
import { mockClient } from 'aws-sdk-client-mock';
import { mockDocumentStore } from '../../support/document-store-mock';
import { createApplicationService } from '../../../../shared/applications';
import { applicationId } from '../../../../shared/applications/ids';
import { NotFoundError, ValidationError } from '../../../../shared/errors';
import { START, ccf, citizen, school, testDeps } from './helpers';

const ddbMock = mockDocumentStore();
const s3Mock = mockClient(S3Client);
const sfnMock = mockClient(SFNClient);
afterEach(() => {
  ddbMock.reset();
  s3Mock.reset();
  sfnMock.reset();
});
beforeEach(() => {
  ddbMock.on(GetCommand).resolves({});
  ddbMock.on(PutCommand).resolves({});
  ddbMock.on(QueryCommand).resolves({ Items: [] });
  sfnMock.on(StartExecutionCommand).resolves({ executionArn: 'arn', startDate: START });
});

const deps = testDeps();
const service = createApplicationService(deps);
// A JSON round trip, as the HTTP layer delivers bodies (structuredClone would give objects of another realm under jest).
const example = () => JSON.parse(JSON.stringify(school.example)) as Record<string, any>;
const request = (form = example()) => ({ serviceId: school.id, form, materials: [] });
const puts = (table: string) =>
  ddbMock
    .commandCalls(PutCommand)
    .filter((c) => c.args[0].input.TableName === table)
    .map((c) => ({ ...c.args[0].input, Item: c.args[0].input.Item as Record<string, any> }));
const paths = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a ValidationError');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(ValidationError);
      return (e as ValidationError).errors.map((x) => x.path);
    },
  );

test('stores the application, logs submitted and starts the execution named after it', async () => {
  const { application, replayed } = await service.submit(citizen, request());

  expect(replayed).toBe(false);
  const [put] = puts('main');
  expect(put!.ConditionExpression).toBe('attribute_not_exists(pk)');
  expect(put!.Item).toMatchObject({
    pk: `APP#${application.id}`,
    sk: 'APP',
    ownerSub: citizen.sub,
    status: 'submitted',
    walkthrough: false,
    gsi1pk: `OWNER#${citizen.sub}`,
    gsi2pk: 'DAY#2026-09-30',
    gsi2sk: `2026-09-30T02:00:00.000Z#${application.id}`,
    materials: [],
  });
  // Every data-sharing check ran at submission and passed for the example, so no material was needed.
  expect(put!.Item?.checks.map((c: { id: string; passed: boolean }) => [c.id, c.passed])).toEqual([
    ['household', true],
    ['property', true],
    ['social-insurance', true],
  ]);
  expect(puts('audit')[0]!.Item).toMatchObject({ type: 'submitted', actor: { role: 'citizen', sub: citizen.sub }, key: 'submitted' });
  const start = sfnMock.commandCalls(StartExecutionCommand)[0]!.args[0].input;
  expect(start).toEqual({
    stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:onething-school-enrolment',
    name: application.id,
    input: JSON.stringify({ applicationId: application.id, serviceId: school.id, serviceVersion: 1, walkthrough: false }),
  });
  expect(start.input).not.toContain(school.example.child.idNumber);
  // Opened 2026-09-30, limits 10 and 3 working days (Golden Week in between): the latest branch is due 10-20 24:00 CST.
  expect(application).toMatchObject({ status: 'submitted', dueAt: '2026-10-20T16:00:00.000Z', submittedAt: START.toISOString() });
  expect(application.branches.map((b) => b.status)).toEqual(['pending', 'pending', 'pending', 'pending']);
});

test('with an Idempotency-Key the id is derived, and the same body again returns the stored application', async () => {
  const first = await service.submit(citizen, request(), 'key-1');
  expect(first.application.id).toBe(applicationId(START, citizen.sub, 'key-1'));
  const stored = puts('main')[0]!.Item;
  ddbMock.on(GetCommand).resolves({ Item: stored });
  ddbMock.on(QueryCommand, { TableName: 'main' }).resolves({ Items: [stored] });

  const again = await service.submit(citizen, request(), 'key-1');
  expect(again).toMatchObject({ replayed: true, application: { id: first.application.id } });
  expect(puts('main')).toHaveLength(1);
});

test('the same Idempotency-Key with a different body -> 422 on Idempotency-Key', async () => {
  await service.submit(citizen, request(), 'key-2');
  ddbMock.on(GetCommand).resolves({ Item: puts('main')[0]!.Item });
  const other = example();
  other.school.preferred = '另一所学校';
  expect(await paths(service.submit(citizen, request(other), 'key-2'))).toEqual(['Idempotency-Key']);
});

test('a concurrent duplicate losing the conditional put answers as a replay', async () => {
  await service.submit(citizen, request(), 'key-3');
  const stored = puts('main')[0]!.Item;
  ddbMock.reset();
  ddbMock.on(GetCommand).resolvesOnce({}).resolves({ Item: stored });
  ddbMock.on(PutCommand, { TableName: 'main' }).rejects(ccf());
  ddbMock.on(QueryCommand).resolves({ Items: [] });
  expect((await service.submit(citizen, request(), 'key-3')).replayed).toBe(true);
});

test('a wrong check character names the form field; nothing is stored', async () => {
  const form = example();
  form.child.idNumber = '410106201909010035';
  expect(await paths(service.submit(citizen, request(form)))).toEqual(['form.child.idNumber']);
  expect(ddbMock.commandCalls(PutCommand)).toHaveLength(0);
});

test('a failing data-sharing check makes its material required', async () => {
  const form = example();
  form.residence.propertyCertificateNo = '豫(2021)郑州市不动产权第9999999号';
  const error = await service.submit(citizen, request(form)).catch((e: ValidationError) => e);
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).errors).toEqual([
    {
      path: 'materials',
      code: 'material-required-not-confirmed',
      message: expect.stringContaining('property-certificate'),
      params: { id: 'property-certificate', name: '不动产权证书' },
    },
  ]);
});

test('unknown and repeated materials are named by index', async () => {
  const materials = [
    { materialId: 'passport', uploadId: 'U0123456789ABCDEFGHJKMNPQRS' },
    { materialId: 'household-booklet', uploadId: 'U0123456789ABCDEFGHJKMNPQRS' },
    { materialId: 'household-booklet', uploadId: 'U0123456789ABCDEFGHJKMNPQRT' },
  ];
  expect(await paths(service.submit(citizen, { ...request(), materials }))).toEqual(['materials[0].materialId', 'materials[2].materialId']);
});

test('an upload that fails verification names its field and stores nothing', async () => {
  s3Mock.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'none', $metadata: {} }));
  const materials = [{ materialId: 'household-booklet', uploadId: 'U0123456789ABCDEFGHJKMNPQRS' }];
  expect(await paths(service.submit(citizen, { ...request(), materials }))).toEqual(['materials[0].uploadId']);
  expect(s3Mock.commandCalls(CopyObjectCommand)).toHaveLength(0);
  expect(ddbMock.commandCalls(PutCommand)).toHaveLength(0);
});

test('proxies must name the person they act for; citizens may not', async () => {
  expect(await paths(service.submit({ sub: 'p1', role: 'proxy' }, request()))).toEqual(['onBehalfOf']);
  const onBehalfOf = { name: '张伟', idNumber: '410102198503150010', relation: '代办' };
  expect(await paths(service.submit(citizen, { ...request(), onBehalfOf }))).toEqual(['onBehalfOf']);
  // A malformed onBehalfOf.idNumber is the body schema's (the edge): test/unit/functions/api/applications.test.ts.

  const { application } = await service.submit({ sub: 'p1', role: 'proxy' }, { ...request(), onBehalfOf });
  expect(application.onBehalfOf).toEqual({ name: '张*', idNumber: '410102********0010', relation: '代办' });
  expect(puts('audit')[0]!.Item).toMatchObject({ actor: { role: 'proxy', sub: 'p1' }, detail: { onBehalfOf: { relation: '代办' } } });
});

// A wrong role (403) and a malformed body (422) stop at the edge: test/unit/functions/api/applications.test.ts.
test('unknown service -> 404', async () => {
  await expect(service.submit(citizen, { ...request(), serviceId: 'nope' })).rejects.toBeInstanceOf(NotFoundError);
});

test('a failed or repeated StartExecution does not fail the stored submission (reconcile repairs it)', async () => {
  sfnMock
    .on(StartExecutionCommand)
    .rejectsOnce(new SFNServiceException({ name: 'ServiceUnavailable', $fault: 'server', $metadata: { httpStatusCode: 503 } }));
  await expect(service.submit(citizen, request())).resolves.toMatchObject({ replayed: false });
  sfnMock.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
  await expect(service.submit(citizen, request())).resolves.toMatchObject({ replayed: false });
});

test('the put marks the application not started; the mark goes once StartExecution answered, and stays when it failed', async () => {
  ddbMock.on(UpdateCommand).resolves({});
  const { application } = await service.submit(citizen, request());
  expect(puts('main')[0]!.Item).toMatchObject({ gsi4pk: 'PENDING#start', gsi4sk: `${START.toISOString()}#${application.id}` });
  expect(ddbMock.commandCalls(UpdateCommand).map((c) => c.args[0].input)).toEqual([
    {
      TableName: 'main',
      Key: { pk: `APP#${application.id}`, sk: 'APP' },
      UpdateExpression: 'REMOVE gsi4pk, gsi4sk',
      ConditionExpression: 'gsi4pk = :pk',
      ExpressionAttributeValues: { ':pk': 'PENDING#start' },
    },
  ]);

  sfnMock
    .on(StartExecutionCommand)
    .rejects(new SFNServiceException({ name: 'ServiceUnavailable', $fault: 'server', $metadata: { httpStatusCode: 503 } }));
  await service.submit(citizen, request());
  expect(ddbMock.commandCalls(UpdateCommand)).toHaveLength(1);
});

test('crash after the put: the retry with the same key logs, starts and unmarks (replay); nothing is stored twice', async () => {
  sfnMock
    .on(StartExecutionCommand)
    .rejectsOnce(new SFNServiceException({ name: 'ServiceUnavailable', $fault: 'server', $metadata: { httpStatusCode: 503 } }));
  ddbMock.on(UpdateCommand).resolves({});
  await service.submit(citizen, request(), 'key-crash');
  const stored = puts('main')[0]!.Item;
  ddbMock.on(GetCommand).resolves({ Item: stored });
  ddbMock.on(QueryCommand, { TableName: 'main' }).resolves({ Items: [stored] });
  await expect(service.submit(citizen, request(), 'key-crash')).resolves.toMatchObject({ replayed: true });
  expect(sfnMock.commandCalls(StartExecutionCommand)).toHaveLength(2);
  expect(ddbMock.commandCalls(UpdateCommand)).toHaveLength(1);
  expect(puts('main')).toHaveLength(1);
});
