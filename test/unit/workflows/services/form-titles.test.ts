/**
 * Every field of every seed service's form carries its label in both languages in
 * `formSchema` (GET /v1/services/{id}): `title` in Chinese and `x-title-en` in English.
 */
import { catalog, formJsonSchema } from '../../../../workflows/catalog';

interface JsonSchema {
  title?: string;
  'x-title-en'?: string;
  properties?: Record<string, JsonSchema>;
  [key: string]: unknown;
}

const HAN = /\p{Script=Han}/u;

/** Every property below the root, with its dotted path and whether it is a leaf (no properties of its own). */
function fields(schema: JsonSchema, prefix = ''): Array<{ path: string; node: JsonSchema; leaf: boolean }> {
  return Object.entries(schema.properties ?? {}).flatMap(([key, node]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [{ path, node, leaf: node.properties === undefined }, ...fields(node, path)];
  });
}

describe.each(catalog.map((def) => [def.id, def] as const))('%s', (_id, def) => {
  const all = fields(formJsonSchema(def));

  test('has fields to label', () => {
    expect(all.filter((f) => f.leaf).length).toBeGreaterThanOrEqual(5);
  });

  test('every leaf field and every group has a Chinese title and an English x-title-en', () => {
    const unlabelled = all
      .filter(
        ({ node }) =>
          !(typeof node.title === 'string' && HAN.test(node.title) && typeof node['x-title-en'] === 'string' && node['x-title-en'] !== ''),
      )
      .map((f) => f.path);
    expect(unlabelled).toEqual([]);
  });

  test('every option of a choice has a label in both languages', () => {
    const unlabelled = all.flatMap(({ path, node }) =>
      Array.isArray(node.enum)
        ? (node.enum as string[])
            .filter((v) => {
              const zh = (node['x-enum-titles'] as Record<string, string> | undefined)?.[v];
              const en = (node['x-enum-titles-en'] as Record<string, string> | undefined)?.[v];
              return !(zh && HAN.test(zh) && en);
            })
            .map((v) => `${path}=${v}`)
        : [],
    );
    expect(unlabelled).toEqual([]);
  });

  test('the form example is still valid (labels change no rule)', () => {
    expect(def.form.safeParse(def.example).success).toBe(true);
  });
});

test('the school-enrolment form names the child ID number in Chinese', () => {
  const school = formJsonSchema(catalog.find((d) => d.id === 'school-enrolment')!) as JsonSchema;
  const idNumber = school.properties!.child!.properties!.idNumber!;
  expect(idNumber).toMatchObject({ title: '公民身份号码', 'x-title-en': 'Resident ID number' });
  expect(school.properties!.child).toMatchObject({ title: '适龄儿童', 'x-title-en': 'Child' });
});
