import {
  catalog,
  createCatalog,
  definitions,
  formJsonSchema,
  getService,
  getServiceVersion,
  serviceTimeLimitWorkingDays,
} from '../../../workflows/catalog';
import { parsePromisedLimits } from '../../../workflows/promised-limits';
import { definitionFingerprint, PUBLISHED_FINGERPRINTS, versionProblem } from '../../../workflows/versions';
import { InvalidDefinitionError, UnknownServiceError, UnknownServiceVersionError } from '../../../workflows/errors';
import { twoDepartmentDefinition } from './fixtures';

describe('seed catalog', () => {
  it('holds the four seed services; the staged ones (issue 15) at version 2', () => {
    expect(catalog.map((d) => [d.id, d.version])).toStrictEqual([
      ['school-enrolment', 1],
      ['construction-permit', 2],
      ['utility-connection', 1],
      ['newborn', 2],
    ]);
  });

  it('finds a service and a version by id', () => {
    expect(getService('newborn').name.zh).toBe('新生儿出生一件事');
    expect(getServiceVersion('construction-permit', 2)).toBe(getService('construction-permit'));
    // The flat version 1 stays addressable for applications submitted under it.
    expect(getServiceVersion('construction-permit', 1).departments.some((d) => d.after)).toBe(false);
  });

  it('rejects unknown ids and versions with 404 errors naming them', () => {
    expect(() => getService('pet-licence')).toThrow(new UnknownServiceError('pet-licence'));
    expect(() => getServiceVersion('pet-licence', 1)).toThrow('Unknown service "pet-licence"');
    expect(() => getServiceVersion('newborn', 7)).toThrow(UnknownServiceVersionError);
    expect(() => getServiceVersion('newborn', 7)).toThrow('Service "newborn" has no version 7');
    const error = (() => {
      try {
        getService('x');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toMatchObject({ status: 404, expose: true });
  });

  it('takes the longest branch of each stage, stage after stage, as the service time limit', () => {
    expect(serviceTimeLimitWorkingDays(getServiceVersion('construction-permit', 1))).toBe(7);
    // planning 20, then max(fire 15, civil air defence 20), then housing 7.
    expect(serviceTimeLimitWorkingDays(getService('construction-permit'))).toBe(20 + 20 + 7);
    expect(serviceTimeLimitWorkingDays(getService('utility-connection'))).toBe(2);
    // health 1, public security 2, then medical insurance and hrss 2 each in parallel.
    expect(serviceTimeLimitWorkingDays(getService('newborn'))).toBe(5);
  });
});

describe('createCatalog', () => {
  const v1 = twoDepartmentDefinition();
  const v2 = twoDepartmentDefinition({ version: 2, departments: v1.departments.slice(0, 1) });

  it('serves the highest version as current and keeps older ones addressable', () => {
    const c = createCatalog([v2, v1]);
    expect(c.catalog).toStrictEqual([v2]);
    expect(c.getService('dog-licence')).toBe(v2);
    expect(c.getServiceVersion('dog-licence', 1)).toBe(v1);
    expect(c.getServiceVersion('dog-licence', 2)).toBe(v2);
  });

  it('refuses a version defined twice', () => {
    expect(() => createCatalog([v1, twoDepartmentDefinition()])).toThrow('version: 1 is defined twice');
  });

  it('refuses an invalid definition, naming the field', () => {
    const bad = twoDepartmentDefinition({ warnAtShare: 1.5 });
    expect(() => createCatalog([bad])).toThrow(InvalidDefinitionError);
    expect(() => createCatalog([bad])).toThrow('warnAtShare: 1.5 is not between 0 and 1');
  });
});

describe('formJsonSchema', () => {
  it.each(catalog.map((d) => [d.id, d] as const))('%s: JSON Schema with the example as examples[0]', (_, def) => {
    const schema = formJsonSchema(def);
    expect(schema).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' });
    expect(schema.examples).toStrictEqual([def.example]);
    expect(Object.keys(schema.properties as object)).toEqual(expect.arrayContaining(Object.keys(def.example as object)));
  });

  it('describes nested fields and their constraints', () => {
    const schema = formJsonSchema(getService('school-enrolment')) as {
      properties: Record<string, { properties: Record<string, unknown>; required: string[] }>;
    };
    expect(schema.properties.child!.required).toStrictEqual(['name', 'idNumber', 'birthDate']);
    expect(schema.properties.child!.properties.birthDate).toMatchObject({ type: 'string', format: 'date' });
    expect(schema.properties.guardian!.properties.relationship).toStrictEqual({
      type: 'string',
      enum: ['father', 'mother', 'grandparent', 'other'],
      title: '与儿童关系',
      'x-title-en': 'Relationship to the child',
      'x-enum-titles': { father: '父亲', mother: '母亲', grandparent: '祖父母或外祖父母', other: '其他监护人' },
      'x-enum-titles-en': { father: 'Father', mother: 'Mother', grandparent: 'Grandparent', other: 'Other guardian' },
    });
  });
});

describe('versioning (issue 15)', () => {
  const v1 = twoDepartmentDefinition();
  const published = { 'dog-licence@1': definitionFingerprint(v1) };

  it('records a fingerprint for every published seed version, and they match', () => {
    expect(Object.keys(PUBLISHED_FINGERPRINTS).sort()).toStrictEqual(definitions.map((d) => `${d.id}@${d.version}`).sort());
    for (const def of definitions) expect([def.id, def.version, versionProblem(def)]).toStrictEqual([def.id, def.version, undefined]);
  });

  it('refuses a published version whose stages or limits changed without a version bump', () => {
    const [first, second] = v1.departments;
    const longer = { ...v1, departments: [{ ...first!, timeLimitWorkingDays: 4 }, second!] };
    const staged = { ...v1, departments: [first!, { ...second!, after: [first!.id] }] };
    for (const changed of [longer, staged]) {
      expect(() => createCatalog([changed], { fingerprints: published })).toThrow(InvalidDefinitionError);
      expect(() => createCatalog([changed], { fingerprints: published })).toThrow(/make a new version instead of changing it/);
    }
    // Metadata that running applications do not depend on may change; a new version may change anything.
    expect(() => createCatalog([{ ...v1, description: { zh: '改', en: 'Changed' } }], { fingerprints: published })).not.toThrow();
    expect(createCatalog([v1, { ...staged, version: 2 }], { fingerprints: published }).getService('dog-licence').version).toBe(2);
  });
});

describe('site-promised limits (ONETHING_PROMISED_LIMITS)', () => {
  const v1 = twoDepartmentDefinition();
  const v2 = twoDepartmentDefinition({ version: 2 });

  it('shortens a limit in every version, saying both figures in the basis', () => {
    const c = createCatalog([v1, v2], { promisedLimits: parsePromisedLimits('{"dog-licence": {"public-security": 2}}') });
    for (const def of [c.getServiceVersion('dog-licence', 1), c.getService('dog-licence')]) {
      const dept = def.departments.find((d) => d.id === 'public-security')!;
      expect([dept.timeLimitWorkingDays, dept.timeLimitBasis?.kind, dept.timeLimitBasis?.source.en]).toStrictEqual([
        2,
        'local-promise',
        "Local promise: 2 working days (ceiling 5: the definition's limit)",
      ]);
    }
    expect(c.getService('dog-licence').departments.find((d) => d.id === 'animal-health')!.timeLimitWorkingDays).toBe(3);
  });

  it('never lengthens a limit, and names every bad entry', () => {
    const promised = parsePromisedLimits('{"dog-licence": {"public-security": 6, "ghost": 1, "animal-health": 0}, "cat-licence": {}}');
    expect(() => createCatalog([v1], { promisedLimits: promised })).toThrow(
      new InvalidDefinitionError('ONETHING_PROMISED_LIMITS', [
        'dog-licence.public-security: 6 is longer than the 5 working days of version 1; a site may only shorten a limit',
        'dog-licence.ghost: version 1 has no such department',
        'dog-licence.animal-health: 0 is not a positive integer',
        'cat-licence: unknown service',
      ]),
    );
    expect(() => parsePromisedLimits('{"dog-licence": 3}')).toThrow(InvalidDefinitionError);
    expect(() => parsePromisedLimits('nope')).toThrow(InvalidDefinitionError);
    expect(parsePromisedLimits(undefined)).toStrictEqual({});
  });
});
