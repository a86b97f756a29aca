import { householdCheck } from '../../../../workflows/checks/household';
import { fakeRegistries, person } from './fake-registries';

const check = householdCheck<{ a: string; b: string }>({
  id: 'household',
  name: { zh: '户籍核验', en: 'Household check' },
  members: (f) => [f.a, f.b],
});
const form = { a: '410102198503150010', b: '410106201909010034' };

describe('householdCheck', () => {
  it('passes when everyone is registered in one household, with no identifying detail', async () => {
    const registries = fakeRegistries({ household: [person(form.a, 'H1', '2015-06-01'), person(form.b, 'H1', '2019-09-20')] });
    const result = await check.run(form, registries);
    expect(result).toStrictEqual({
      passed: true,
      summary: { zh: '户籍信息核验通过', en: 'Household registration verified' },
      detail: { people: 2, registered: 2, sameHousehold: true, registeredSince: '2019-09-20' },
    });
    expect(JSON.stringify(result)).not.toContain('H1');
  });

  it('fails when someone is not registered', async () => {
    const result = await check.run(form, fakeRegistries({ household: [person(form.a, 'H1')] }));
    expect(result).toMatchObject({
      passed: false,
      detail: { registered: 1, sameHousehold: false },
      summary: { en: 'No household registration found' },
    });
  });

  it('fails when the people are in different households', async () => {
    const result = await check.run(form, fakeRegistries({ household: [person(form.a, 'H1'), person(form.b, 'H2')] }));
    expect(result).toMatchObject({
      passed: false,
      detail: { registered: 2, sameHousehold: false },
      summary: { en: 'The people named are not in one household' },
    });
  });

  it('declares its registry', () => {
    expect(check.registry).toBe('household');
  });
});
