import { catalog, getService, serviceTimeLimitWorkingDays } from '../../../../workflows/catalog';
import { createSyntheticDataSharing } from '../../../../shared/registries';
import type { ServiceDefinition } from '../../../../workflows/types';

const registries = createSyntheticDataSharing();
const issuePaths = (def: ServiceDefinition, form: unknown) => {
  const result = def.form.safeParse(form);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};
const seenBy = (def: ServiceDefinition, field: string) => def.departments.filter((d) => d.sees.fields.includes(field)).map((d) => d.id);

describe.each(catalog.map((d) => [d.id, d] as const))('%s', (_, def) => {
  it('has an example that passes the form schema', () => {
    expect(issuePaths(def, def.example)).toStrictEqual([]);
  });

  it('passes every data-sharing check with the example and the synthetic registries', async () => {
    const form = def.form.parse(def.example);
    for (const check of def.checks) {
      const result = await check.run(form, registries);
      expect([check.id, result.passed]).toStrictEqual([check.id, true]);
    }
  });

  it('lets shared data replace a material only through a check some department is shown', () => {
    const shown = new Set(def.departments.flatMap((d) => d.checks));
    for (const m of def.materials.filter((m) => m.replacedBySharedData)) expect(shown.has(m.replacedBySharedData as string)).toBe(true);
  });
});

describe('school-enrolment', () => {
  const def = getService('school-enrolment');

  it('has the four departments of the seed', () => {
    expect(def.departments.map((d) => d.id)).toStrictEqual(['education', 'public-security', 'real-estate', 'hrss']);
  });

  it("shows the child's ID number only to the household-registration check (PIPL art. 28)", () => {
    expect(seenBy(def, 'child.idNumber')).toStrictEqual(['public-security']);
    expect(seenBy(def, 'guardian.idNumber')).toStrictEqual(['public-security', 'real-estate', 'hrss']);
  });

  it('asks for no material that shared data cannot replace', () => {
    expect(def.materials.filter((m) => !m.replacedBySharedData)).toStrictEqual([]);
  });

  it('rejects a wrong check character, naming the field', () => {
    const form = { ...def.example, child: { ...def.example.child, idNumber: '410106201909010035' } };
    expect(issuePaths(def, form)).toStrictEqual(['child.idNumber']);
  });

  it("requires the child's birth date to agree with the ID number", () => {
    const form = { ...def.example, child: { ...def.example.child, birthDate: '2019-09-02' } };
    const result = def.form.safeParse(form);
    expect(result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), i.message])).toStrictEqual([
      ['child.birthDate', 'does not match the ID number (2019-09-01)'],
    ]);
  });
});

describe('construction-permit', () => {
  const def = getService('construction-permit');

  it('gives each department its statutory limit, with the source, in the order the law implies', () => {
    expect(def.departments.map((d) => [d.id, d.timeLimitWorkingDays, d.timeLimitBasis?.kind, d.after ?? []])).toStrictEqual([
      ['natural-resources', 20, 'statute', []],
      ['fire', 15, 'statute', ['natural-resources']],
      ['civil-air-defence', 20, 'statute', ['natural-resources']],
      ['housing-construction', 7, 'statute', ['fire', 'civil-air-defence']],
    ]);
    expect(def.departments.map((d) => d.timeLimitBasis?.source.zh.match(/第[一二三四五六七八九十]+条/)?.[0])).toStrictEqual([
      '第四十二条',
      '第二十二条',
      '第四十二条',
      '第八条',
    ]);
  });

  it('identifies the applicant by a valid credit code, naming the field', () => {
    const form = { ...def.example, applicant: { ...def.example.applicant, creditCode: '91410183MA9KXY801X' } };
    expect(issuePaths(def, form)).toStrictEqual(['applicant.creditCode']);
  });

  it("never shows the legal representative's ID number to a department", () => {
    expect(seenBy(def, 'applicant.legalRepresentative.idNumber')).toStrictEqual([]);
  });
});

describe('utility-connection', () => {
  const def = getService('utility-connection');

  it('has eight departments deciding in 2 working days', () => {
    expect(def.departments.map((d) => [d.id, d.timeLimitWorkingDays])).toStrictEqual(
      ['water', 'power', 'gas', 'heating', 'natural-resources', 'urban-management', 'parks', 'traffic-police'].map((id) => [id, 2]),
    );
  });

  it('requires at least one utility', () => {
    const loads = { waterCubicMetersPerDay: 0, powerKva: 0, gasCubicMetersPerHour: 0, heatingSquareMeters: 0 };
    expect(issuePaths(def, { ...def.example, loads })).toStrictEqual(['loads']);
  });
});

describe('newborn', () => {
  const def = getService('newborn');

  it('has the four departments in the real order and completes in the promised 5 working days', () => {
    expect(def.departments.map((d) => [d.id, d.after ?? [], d.timeLimitBasis?.kind])).toStrictEqual([
      ['health', [], 'local-promise'],
      ['public-security', ['health'], 'local-promise'],
      ['medical-insurance', ['public-security'], 'local-promise'],
      ['hrss', ['public-security'], 'local-promise'],
    ]);
    expect(serviceTimeLimitWorkingDays(def)).toBe(5);
    expect(def.departments.flatMap((d) => (d.results ?? []).map((r) => [d.id, r.id, r.required]))).toStrictEqual([
      ['health', 'birthCertificateNo', true],
      ['public-security', 'householdNo', true],
    ]);
  });

  it('requires the father when the child is registered with him', () => {
    const { father: _omitted, ...withoutFather } = def.example;
    expect(issuePaths(def, { ...withoutFather, registration: { registerWith: 'father' } })).toStrictEqual(['father']);
    expect(issuePaths(def, withoutFather)).toStrictEqual([]);
  });

  it("registers the child in the chosen parent's household", async () => {
    const household = def.checks.find((c) => c.id === 'household');
    const withFather = def.form.parse({ ...def.example, registration: { registerWith: 'father' } });
    await expect(household?.run(withFather, registries)).resolves.toMatchObject({
      passed: true,
      detail: { registeredSince: '2010-01-10' },
    });
  });

  it("shows parents' ID numbers only to public security", () => {
    expect(seenBy(def, 'mother.idNumber')).toStrictEqual(['public-security']);
    expect(seenBy(def, 'father.idNumber')).toStrictEqual(['public-security']);
  });
});
