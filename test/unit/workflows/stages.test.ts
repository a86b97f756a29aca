import { definitionProblems } from '../../../workflows/validate';
import { isStaged, stageIndexOf, stageProblems, stagesOf } from '../../../workflows/stages';
import type { DepartmentSpec } from '../../../workflows/types';
import { twoDepartmentDefinition } from './fixtures';

const dept = (id: string, after?: string[]): DepartmentSpec => ({
  id,
  name: { zh: id, en: id },
  timeLimitWorkingDays: 2,
  sees: { fields: [], materials: [] },
  checks: [],
  ...(after ? { after } : {}),
});

describe('stageProblems', () => {
  it('finds none in a flat list or a DAG', () => {
    expect(stageProblems({ departments: [dept('a'), dept('b')] })).toStrictEqual([]);
    expect(stageProblems({ departments: [dept('a'), dept('b', ['a']), dept('c', ['a']), dept('d', ['b', 'c'])] })).toStrictEqual([]);
  });

  it('names unknown, duplicate and self prerequisites by field', () => {
    expect(stageProblems({ departments: [dept('a', ['a']), dept('b', ['ghost', 'a', 'a'])] })).toStrictEqual([
      'departments[0].after: "a" depends on itself',
      'departments[1].after: unknown department "ghost"',
      'departments[1].after: duplicate id "a"',
    ]);
  });

  it('names a cycle with its path', () => {
    expect(stageProblems({ departments: [dept('a', ['c']), dept('b', ['a']), dept('c', ['b']), dept('d')] })).toStrictEqual([
      'departments: cycle a -> c -> b -> a',
    ]);
  });

  it('is part of definitionProblems', () => {
    const base = twoDepartmentDefinition();
    const [first, second] = base.departments as [DepartmentSpec, DepartmentSpec];
    const problems = definitionProblems({
      ...base,
      departments: [
        { ...first, after: [second.id] },
        { ...second, after: [first.id] },
      ],
    });
    expect(problems).toStrictEqual(['departments: cycle animal-health -> public-security -> animal-health']);
  });
});

describe('stagesOf', () => {
  it('puts a flat service in one stage, in definition order', () => {
    const flat = { departments: [dept('b'), dept('a')] };
    expect(stagesOf(flat).map((s) => s.map((d) => d.id))).toStrictEqual([['b', 'a']]);
    expect(isStaged(flat)).toBe(false);
  });

  it('layers a DAG: each department one stage after its latest prerequisite', () => {
    // newborn-like: health -> police -> (insurance, hrss); "late" depends on health only but on hrss too.
    const def = {
      departments: [
        dept('hrss', ['police']),
        dept('health'),
        dept('late', ['health', 'hrss']),
        dept('police', ['health']),
        dept('insurance', ['police']),
      ],
    };
    expect(stagesOf(def).map((s) => s.map((d) => d.id))).toStrictEqual([['health'], ['police'], ['hrss', 'insurance'], ['late']]);
    expect(isStaged(def)).toBe(true);
    expect(stageIndexOf(def, 'insurance')).toBe(2);
    expect(stageIndexOf(def, 'nobody')).toBe(-1);
  });
});

describe('declared results', () => {
  it('need camelCase unique ids and anchored patterns that compile', () => {
    const base = twoDepartmentDefinition();
    const [first, second] = base.departments as [DepartmentSpec, DepartmentSpec];
    const result = { label: { zh: '号', en: 'No.' }, required: true, personal: false };
    const problems = definitionProblems({
      ...base,
      departments: [
        {
          ...first,
          results: [
            { ...result, id: 'permitNo', pattern: '^[0-9]+$' },
            { ...result, id: 'permitNo', pattern: '^[0-9]+$' },
            { ...result, id: 'Bad-Id', pattern: '[0-9]+' },
            { ...result, id: 'other', pattern: '^([$' },
          ],
        },
        second,
      ],
    });
    expect(problems).toStrictEqual([
      'departments[0].results: duplicate id "permitNo"',
      'departments[0].results[2].id: "Bad-Id" is not camelCase',
      'departments[0].results[2].pattern: must be anchored with ^ and $',
      'departments[0].results[3].pattern: not a regular expression',
    ]);
  });
});
