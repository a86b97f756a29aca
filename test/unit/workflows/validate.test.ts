import { definitionProblems, schemaHasPath } from '../../../workflows/validate';
import * as z from 'zod';
import { twoDepartmentDefinition } from './fixtures';

describe('definitionProblems', () => {
  it('finds none in a valid definition', () => {
    expect(definitionProblems(twoDepartmentDefinition())).toStrictEqual([]);
  });

  it('names each broken field', () => {
    const base = twoDepartmentDefinition();
    const problems = definitionProblems({
      ...base,
      id: 'Dog Licence',
      version: 0,
      escalateEveryHours: 0,
      example: { name: '' },
      materials: [{ ...base.materials[0]!, accept: [], maxBytes: 1.5, replacedBySharedData: 'nope' }],
      departments: [
        {
          ...base.departments[0]!,
          id: 'animal-1',
          timeLimitWorkingDays: 0,
          sees: { fields: ['owner.name'], materials: ['scan'] },
          checks: ['ghost'],
        },
        base.departments[1]!,
        base.departments[1]!,
      ],
    });
    expect(problems).toStrictEqual([
      'id: "Dog Licence" is not kebab-case',
      'version: 0 is not a positive integer',
      'escalateEveryHours: 0 is not positive',
      'departments: duplicate id "public-security"',
      'materials[0].accept: no content type',
      'materials[0].maxBytes: 1.5 is not a positive integer',
      'materials[0].replacedBySharedData: unknown check "nope"',
      'departments[0].id: "animal-1" is not kebab-case',
      'departments[0].timeLimitWorkingDays: 0 is not a positive integer',
      'departments[0].sees.fields: "owner.name" is not a form field',
      'departments[0].sees.materials: unknown material "scan"',
      'departments[0].checks: unknown check "ghost"',
      'leadDepartment: "animal-health" is not one of the departments',
      'example.name: Too small: expected string to have >=1 characters',
    ]);
  });

  it('takes the wait limits as positive integers when a service sets them', () => {
    expect(definitionProblems(twoDepartmentDefinition({ maxEscalations: 0, supplementLimitWorkingDays: 2.5 }))).toStrictEqual([
      'maxEscalations: 0 is not a positive integer',
      'supplementLimitWorkingDays: 2.5 is not a positive integer',
    ]);
    expect(definitionProblems(twoDepartmentDefinition({ maxEscalations: 3, supplementLimitWorkingDays: 20 }))).toStrictEqual([]);
  });

  it('requires at least one department', () => {
    expect(definitionProblems(twoDepartmentDefinition({ departments: [] }))).toStrictEqual([
      'departments: at least one department is required',
    ]);
  });
});

describe('schemaHasPath', () => {
  const schema = z.object({ a: z.object({ b: z.string(), c: z.object({ d: z.number() }).optional() }), e: z.string().nullable() });

  it.each(['a', 'a.b', 'a.c', 'a.c.d', 'e'])('finds %s', (path) => expect(schemaHasPath(schema, path)).toBe(true));
  it.each(['x', 'a.x', 'a.b.c', 'e.f', ''])('does not find %s', (path) => expect(schemaHasPath(schema, path)).toBe(false));
});
