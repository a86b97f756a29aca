import { checkField, fieldsOf, formValue, type JsonSchema } from '../../../web/src/lib/schema-form';
import { idCardProblem } from '../../../web/src/lib/idcard';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    child: {
      type: 'object',
      title: { zh: '儿童信息', en: 'Child' },
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 4, title: { zh: '姓名', en: 'Name' } },
        idNumber: { type: 'string', description: 'Resident ID number (GB 11643, 18 characters)' },
      },
      required: ['name', 'idNumber'],
    },
    phone: { type: 'string', pattern: '^1[3-9]\\d{9}$' },
    stage: { type: 'string', enum: ['primary', 'junior-secondary'] },
    nonLocal: { type: 'boolean' },
  },
  required: ['child', 'nonLocal'],
};

describe('the ONE form from formSchema', () => {
  const fields = fieldsOf(schema);
  const field = (path: string) => fields.find((f) => f.path === path)!;

  test('every leaf becomes a field with its kind, title and group, in schema order', () => {
    expect(fields.map((f) => [f.path, f.kind, f.required])).toEqual([
      ['child.name', 'text', true],
      ['child.idNumber', 'id-number', true],
      ['phone', 'text', false],
      ['stage', 'select', false],
      ['nonLocal', 'boolean', true],
    ]);
    expect(field('child.name').title).toEqual({ zh: '姓名', en: 'Name' });
    expect(field('child.name').group).toEqual({ key: 'child', title: { zh: '儿童信息', en: 'Child' } });
    expect(field('stage').options.map((o) => o.value)).toEqual(['primary', 'junior-secondary']);
  });

  test('values are checked as the API will check them', () => {
    expect(checkField(field('child.name'), '')).toEqual({ kind: 'required' });
    expect(checkField(field('child.name'), '张小明明明')).toEqual({ kind: 'too-long', max: 4 });
    expect(checkField(field('phone'), '12345')).toEqual({ kind: 'pattern' });
    expect(checkField(field('phone'), '13800138000')).toBeUndefined();
    expect(checkField(field('child.idNumber'), '410106201909010035')).toEqual({ kind: 'id-number', problem: 'check-character' });
    expect(checkField(field('child.idNumber'), '410106201909010034')).toBeUndefined();
    // An unticked box is the answer false, not a missing answer.
    expect(checkField(field('nonLocal'), undefined)).toBeUndefined();
  });

  test('the submitted form nests the values and sends an unticked box as false', () => {
    expect(formValue(fields, { 'child.name': '张小明', 'child.idNumber': '410106201909010034', phone: '' })).toEqual({
      child: { name: '张小明', idNumber: '410106201909010034' },
      nonLocal: false,
    });
  });
});

describe('the resident ID check in the browser names which rule failed', () => {
  test.each([
    ['41010620190901003', 'length'],
    ['41010620190901003A', 'format'],
    ['990106201909010034', 'region'],
    ['410106201913010034', 'birth-date'],
    ['410106201909010035', 'check-character'],
  ])('%s: %s', (value, problem) => {
    expect(idCardProblem(value)).toBe(problem);
  });
  test('a valid number passes', () => {
    expect(idCardProblem('410102198503150010')).toBeUndefined();
  });
});
