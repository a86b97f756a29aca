import { judgeApplication } from '../../../../shared/walkthroughs/probes';
import type { ApplicationRecord, TaskRecord } from '../../../../shared/applications/records';

const app = (over: Partial<ApplicationRecord>): ApplicationRecord =>
  ({ id: 'A1', status: 'submitted', dueAt: '2026-10-13T16:00:00.000Z', ...over }) as ApplicationRecord;
const task = (dueAt: string): TaskRecord => ({ department: 'education', dueAt }) as TaskRecord;

describe('judgeApplication: how a probe run ended', () => {
  test('approved passes', () => {
    expect(judgeApplication(app({ status: 'approved' }), [], new Date('2026-10-01T00:00:00Z'))).toEqual({ status: 'passed' });
  });

  test.each(['rejected', 'withdrawn', 'failed'] as const)('ended %s fails, naming the outcome', (status) => {
    expect(judgeApplication(app({ status }), [], new Date('2026-10-01T00:00:00Z'))).toEqual({
      status: 'failed',
      reason: `the application ended ${status}`,
    });
  });

  test("still running within the latest due date is running; past it, it failed the service's limit", () => {
    const tasks = [task('2026-10-13T16:00:00.000Z'), task('2026-10-20T16:00:00.000Z')];
    expect(judgeApplication(app({}), tasks, new Date('2026-10-20T15:59:59Z'))).toEqual({ status: 'running' });
    expect(judgeApplication(app({}), tasks, new Date('2026-10-20T16:00:01Z'))).toEqual({
      status: 'failed',
      reason: "not finished within the service's limit (due 2026-10-20T16:00:00.000Z)",
    });
  });
});
