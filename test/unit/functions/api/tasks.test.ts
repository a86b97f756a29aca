import { Logger } from '@aws-lambda-powertools/logger';
import { createDecideTaskHandler } from '../../../../functions/api/decide-task';
import { createGetTaskHandler } from '../../../../functions/api/get-task';
import { createListDepartmentTasksHandler } from '../../../../functions/api/list-department-tasks';
import type { TaskService } from '../../../../functions/api/services';
import type { TaskSummary } from '../../../../shared/applications/schemas';
import { ConflictError, ForbiddenError } from '../../../../shared/errors';
import { apiEvent, CITIZEN, OFFICER } from '../../../events/api/events';
import { lambdaContext } from '../../../fixtures/lambda-context';

const silentLogger = new Logger({ logLevel: 'SILENT' });

const TASK_ID = 'T' + Buffer.from('A01JD3Z6N8K5M2Q4R7T9V0W1X2Z:education').toString('base64url');
const task: TaskSummary = {
  taskId: TASK_ID,
  applicationId: 'A01JD3Z6N8K5M2Q4R7T9V0W1X2Z',
  serviceId: 'school-enrolment',
  department: 'education',
  status: 'open',
  openedAt: '2026-09-01T01:00:00.000Z',
  dueAt: '2026-09-15T10:00:00.000Z',
  overdue: false,
  walkthrough: false,
};
const fake: jest.Mocked<TaskService> = { inbox: jest.fn(), get: jest.fn(), decide: jest.fn() };
const opts = { timeoutEarlyInMillis: 0, logger: silentLogger };
const json = (res: { body?: string }) => JSON.parse(res.body ?? 'null');

afterEach(() => jest.resetAllMocks());

describe('GET /v1/departments/{dept}/tasks', () => {
  const handler = createListDepartmentTasksHandler(() => fake, opts);
  const event = (query?: Record<string, string>, claims: Record<string, string> = OFFICER) =>
    apiEvent({
      routeKey: 'GET /v1/departments/{dept}/tasks',
      rawPath: '/v1/departments/education/tasks',
      pathParameters: { dept: 'education' },
      claims,
      query,
    });

  test('status defaults to open; the page maps nextCursor', async () => {
    fake.inbox.mockResolvedValue({ items: [task], nextCursor: 'n' });
    const res = await handler(event(), lambdaContext());
    expect(json(res)).toEqual({ items: [task], nextCursor: 'n' });
    expect(fake.inbox).toHaveBeenCalledWith(expect.objectContaining({ dept: 'education' }), 'education', {
      status: 'open',
      limit: 20,
      includeTests: false,
    });
  });

  test('an unknown status is 422; citizens are 403; the service decides department membership', async () => {
    expect((await handler(event({ status: 'late' }), lambdaContext())).statusCode).toBe(422);
    expect((await handler(event(undefined, CITIZEN), lambdaContext())).statusCode).toBe(403);
    fake.inbox.mockRejectedValue(new ForbiddenError('not an officer of housing'));
    expect((await handler(event({ status: 'overdue' }), lambdaContext())).statusCode).toBe(403);
    expect(fake.inbox).toHaveBeenCalledWith(expect.anything(), 'education', { status: 'overdue', limit: 20, includeTests: false });
  });

  test('includeTests=true asks for walk-throughs in the overdue list; anything but true/false is 422', async () => {
    fake.inbox.mockResolvedValue({ items: [] });
    expect((await handler(event({ status: 'overdue', includeTests: 'true' }), lambdaContext())).statusCode).toBe(200);
    expect(fake.inbox).toHaveBeenCalledWith(expect.anything(), 'education', { status: 'overdue', limit: 20, includeTests: true });
    expect((await handler(event({ status: 'overdue', includeTests: 'yes' }), lambdaContext())).statusCode).toBe(422);
  });
});

describe('tasks', () => {
  const taskEvent = (routeKey: string, body?: unknown) =>
    apiEvent({
      routeKey,
      rawPath: routeKey.split(' ')[1]!.replace('{taskId}', TASK_ID),
      pathParameters: { taskId: TASK_ID },
      claims: OFFICER,
      body,
    });

  test('GET a task returns the detail from the service', async () => {
    const detail = { ...task, supplementRequests: [], form: { child: { name: '张**' } }, materials: [], checks: [], handedForward: [] };
    fake.get.mockResolvedValue(detail);
    const res = await createGetTaskHandler(() => fake, opts)(taskEvent('GET /v1/tasks/{taskId}'), lambdaContext());
    expect(json(res)).toEqual(detail);
    expect(fake.get).toHaveBeenCalledWith({ sub: 'officer-1', role: 'officer', dept: 'education' }, TASK_ID);
  });

  test('decide -> 200 with the decision; reject without comment -> 422 at comment; decided differently -> 409', async () => {
    const handler = createDecideTaskHandler(() => fake, opts);
    const decided = { ...task, status: 'approved' as const, decision: 'approve' as const, decidedAt: '2026-09-02T01:00:00.000Z' };
    fake.decide.mockResolvedValueOnce(decided).mockRejectedValueOnce(new ConflictError('already decided: approve'));
    const ok = await handler(taskEvent('POST /v1/tasks/{taskId}/decision', { decision: 'approve' }), lambdaContext());
    expect(ok.statusCode).toBe(200);
    expect(json(ok)).toEqual(decided);
    const invalid = await handler(taskEvent('POST /v1/tasks/{taskId}/decision', { decision: 'reject' }), lambdaContext());
    expect(invalid.statusCode).toBe(422);
    expect(json(invalid).errors).toEqual([{ path: 'comment', code: 'rejection-reason-required', message: expect.any(String) }]);
    const conflict = await handler(
      taskEvent('POST /v1/tasks/{taskId}/decision', { decision: 'reject', comment: '材料不全' }),
      lambdaContext(),
    );
    expect(conflict.statusCode).toBe(409);
    expect(fake.decide).toHaveBeenCalledTimes(2);
  });

  // The decision rules live in the schema only (the service takes the parsed body).
  test.each([
    [{ decision: 'reject' }, 'comment'],
    [{ decision: 'request-supplement', missing: [] }, 'missing'],
    [{ decision: 'request-supplement', missing: [{ reason: 'x' }] }, 'missing[0]'],
    [{ decision: 'maybe' }, 'decision'],
  ])('%j -> 422 on %s before the service', async (body, path) => {
    const res = await createDecideTaskHandler(() => fake, opts)(taskEvent('POST /v1/tasks/{taskId}/decision', body), lambdaContext());
    expect(res.statusCode).toBe(422);
    expect(json(res).errors.map((e: { path: string }) => e.path)).toEqual([path]);
    expect(fake.decide).not.toHaveBeenCalled();
  });

  test('non-officers may not decide (403) and the service is not called', async () => {
    const event = taskEvent('POST /v1/tasks/{taskId}/decision', { decision: 'approve' });
    event.requestContext.authorizer.jwt.claims = CITIZEN;
    const res = await createDecideTaskHandler(() => fake, opts)(event, lambdaContext());
    expect(res.statusCode).toBe(403);
    expect(fake.decide).not.toHaveBeenCalled();
  });

  test('request-supplement must list what is missing (missing, with [i] paths)', async () => {
    const handler = createDecideTaskHandler(() => fake, opts);
    const res = await handler(
      taskEvent('POST /v1/tasks/{taskId}/decision', { decision: 'request-supplement', missing: [{ reason: '' }] }),
      lambdaContext(),
    );
    expect(res.statusCode).toBe(422);
    expect(json(res).errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['missing[0].reason']));
  });
});
