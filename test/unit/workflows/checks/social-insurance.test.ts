import { socialInsuranceCheck } from '../../../../workflows/checks/social-insurance';
import { fakeRegistries } from './fake-registries';

const check = socialInsuranceCheck<{ id: string }>({
  id: 'social-insurance',
  name: { zh: '社保', en: 'Social insurance' },
  person: (f) => f.id,
});
const registries = fakeRegistries({
  socialInsurance: [
    { idNumber: 'P1', city: '郑州市', since: '2016-01', status: 'active' },
    { idNumber: 'P2', city: '郑州市', since: '2019-07', status: 'suspended' },
  ],
});

describe('socialInsuranceCheck', () => {
  it('passes for an active record', async () => {
    await expect(check.run({ id: 'P1' }, registries)).resolves.toStrictEqual({
      passed: true,
      summary: { zh: '社保参保状态正常', en: 'Social insurance active' },
      detail: { found: true, city: '郑州市', since: '2016-01', status: 'active' },
    });
  });

  it('fails for a suspended record', async () => {
    await expect(check.run({ id: 'P2' }, registries)).resolves.toMatchObject({ passed: false, detail: { status: 'suspended' } });
  });

  it('fails when there is no record', async () => {
    await expect(check.run({ id: 'P3' }, registries)).resolves.toMatchObject({ passed: false, detail: { found: false } });
  });
});
