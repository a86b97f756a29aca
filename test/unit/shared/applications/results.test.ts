import { ValidationError } from '../../../../shared/errors';
import { assertResults, handedForwardTo, loggedResults, maskResult } from '../../../../shared/applications/results';
import { getService } from '../../../../workflows/catalog';
import { taskRecord } from './helpers';

const newborn = getService('newborn');
const health = newborn.departments.find((d) => d.id === 'health')!;

const pathsOf = (fn: () => void): string[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error.errors.map((e) => e.path);
    throw error;
  }
  return [];
};

test('an approval carries every required result, each matching its pattern, nothing undeclared', () => {
  expect(pathsOf(() => assertResults(health, 'approve', { birthCertificateNo: 'Q410012345' }))).toStrictEqual([]);
  expect(pathsOf(() => assertResults(health, 'approve', undefined))).toStrictEqual(['results.birthCertificateNo']);
  expect(pathsOf(() => assertResults(health, 'approve', { birthCertificateNo: 'q410012345' }))).toStrictEqual([
    'results.birthCertificateNo',
  ]);
  expect(pathsOf(() => assertResults(health, 'approve', { birthCertificateNo: 'Q410012345', extra: 'x' }))).toStrictEqual([
    'results.extra',
  ]);
});

test('a rejection or supplement request carries none; a department declaring none accepts an approval without', () => {
  expect(pathsOf(() => assertResults(health, 'reject', { birthCertificateNo: 'Q410012345' }))).toStrictEqual(['results']);
  expect(pathsOf(() => assertResults(health, 'request-supplement', undefined))).toStrictEqual([]);
  const hrss = newborn.departments.find((d) => d.id === 'hrss')!;
  expect(pathsOf(() => assertResults(hrss, 'approve', undefined))).toStrictEqual([]);
});

test('personal results are masked for the log, keeping the last characters', () => {
  expect(maskResult('Q410012345')).toBe('******2345');
  expect(maskResult('123456')).toBe('****56');
  expect(loggedResults(health, { birthCertificateNo: 'Q410012345' })).toStrictEqual({ birthCertificateNo: '******2345' });
});

test('a task sees the results of approved departments of earlier stages only', () => {
  const task = (department: string, status: 'approved' | 'open', results?: Record<string, string>) => ({
    ...taskRecord(department),
    serviceId: 'newborn',
    status,
    ...(results ? { results } : {}),
  });
  const tasks = [
    task('health', 'approved', { birthCertificateNo: 'Q410012345' }),
    task('public-security', 'approved', { householdNo: '410183001234' }),
    task('medical-insurance', 'open'),
  ];
  expect(handedForwardTo(newborn, 'hrss', tasks).map((h) => [h.department, h.results.map((r) => r.value)])).toStrictEqual([
    ['health', ['Q410012345']],
    ['public-security', ['410183001234']],
  ]);
  expect(handedForwardTo(newborn, 'public-security', tasks).map((h) => h.department)).toStrictEqual(['health']);
  expect(handedForwardTo(newborn, 'health', tasks)).toStrictEqual([]);
});
