import {
  catalog,
  createCatalog,
  formJsonSchema,
  getService,
  getServiceVersion,
  serviceTimeLimitWorkingDays,
} from '../../../workflows/catalog';
import { InvalidDefinitionError, UnknownServiceError, UnknownServiceVersionError } from '../../../workflows/errors';
import { twoDepartmentDefinition } from './fixtures';

describe('seed catalog', () => {
  it('holds the four seed services, version 1 each', () => {
    expect(catalog.map((d) => [d.id, d.version])).toStrictEqual([
      ['school-enrolment', 1],
      ['construction-permit', 1],
      ['utility-connection', 1],
      ['newborn', 1],
    ]);
  });

  it('finds a service and a version by id', () => {
    expect(getService('newborn').name.zh).toBe('新生儿出生一件事');
    expect(getServiceVersion('construction-permit', 1)).toBe(getService('construction-permit'));
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

  it('takes the longest branch as the service time limit', () => {
    expect(serviceTimeLimitWorkingDays(getService('construction-permit'))).toBe(7);
    expect(serviceTimeLimitWorkingDays(getService('utility-connection'))).toBe(2);
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
