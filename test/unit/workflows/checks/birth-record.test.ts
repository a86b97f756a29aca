import { birthRecordCheck } from '../../../../workflows/checks/birth-record';
import type { BirthRecord } from '../../../../shared/registries';
import { fakeRegistries } from './fake-registries';

const record: BirthRecord = {
  certificateNo: 'Q1',
  childName: '王小宝',
  sex: 'F',
  birthDate: '2026-01-05',
  hospital: '荥阳市人民医院',
  motherIdNumber: 'M1',
  fatherIdNumber: 'F1',
};
type Form = { cert: string; name: string; date: string; mother: string; father?: string };
const check = birthRecordCheck<Form>({
  id: 'birth-record',
  name: { zh: '出生医学证明', en: 'Birth record' },
  certificateNo: (f) => f.cert,
  declared: (f) => ({ childName: f.name, birthDate: f.date, motherIdNumber: f.mother, fatherIdNumber: f.father }),
});
const registries = fakeRegistries({ birthRecord: [record] });
const form: Form = { cert: 'Q1', name: '王小宝', date: '2026-01-05', mother: 'M1', father: 'F1' };

describe('birthRecordCheck', () => {
  it('passes when child and parents match, naming only the hospital', async () => {
    await expect(check.run(form, registries)).resolves.toStrictEqual({
      passed: true,
      summary: { zh: '出生医学证明核验通过', en: 'Birth medical certificate verified' },
      detail: { found: true, hospital: '荥阳市人民医院', mismatched: [] },
    });
  });

  it('passes without a declared father', async () => {
    await expect(check.run({ ...form, father: undefined }, registries)).resolves.toMatchObject({ passed: true });
  });

  it('names the parts that do not match, never their values', async () => {
    const result = await check.run({ ...form, name: '王大宝', father: 'F2' }, registries);
    expect(result).toMatchObject({
      passed: false,
      detail: { mismatched: ['childName', 'father'] },
      summary: { en: 'Birth record does not match: childName, father' },
    });
    expect(JSON.stringify(result)).not.toContain('王');
  });

  it('fails for an unknown certificate', async () => {
    await expect(check.run({ ...form, cert: 'Q9' }, registries)).resolves.toMatchObject({ passed: false, detail: { found: false } });
  });
});
