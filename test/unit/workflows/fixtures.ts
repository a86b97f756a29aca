import * as z from 'zod';
import type { ServiceDefinition } from '../../../workflows/types';

/** A small two-department definition for generator and catalog tests. */
export function twoDepartmentDefinition(overrides: Partial<ServiceDefinition<{ name: string }>> = {}): ServiceDefinition<{ name: string }> {
  return {
    id: 'dog-licence',
    version: 1,
    name: { zh: '养犬登记', en: 'Dog licence' },
    description: { zh: '测试用', en: 'For tests' },
    form: z.object({ name: z.string().min(1) }),
    example: { name: '旺财' },
    materials: [{ id: 'photo', name: { zh: '照片', en: 'Photo' }, required: true, accept: ['image/jpeg'], maxBytes: 1000 }],
    departments: [
      {
        id: 'animal-health',
        name: { zh: '动物卫生', en: 'Animal health' },
        timeLimitWorkingDays: 3,
        sees: { fields: ['name'], materials: ['photo'] },
        checks: [],
      },
      {
        id: 'public-security',
        name: { zh: '公安', en: 'Public security' },
        timeLimitWorkingDays: 5,
        sees: { fields: ['name'], materials: [] },
        checks: [],
      },
    ],
    checks: [],
    warnAtShare: 0.75,
    escalateEveryHours: 24,
    leadDepartment: 'animal-health',
    ...overrides,
  };
}
