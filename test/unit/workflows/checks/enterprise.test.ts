import { enterpriseCheck } from '../../../../workflows/checks/enterprise';
import type { EnterpriseRecord } from '../../../../shared/registries';
import { fakeRegistries } from './fake-registries';

const company: EnterpriseRecord = {
  creditCode: 'E1',
  name: '新密示例建设有限公司',
  legalRepIdNumber: '410183198811080067',
  status: 'active',
  qualification: '建筑工程施工总承包二级',
};
const check = enterpriseCheck<{ code: string; rep: string }>({
  id: 'enterprise',
  name: { zh: '市场主体', en: 'Enterprise' },
  creditCode: (f) => f.code,
  legalRepresentative: (f) => f.rep,
});
const registries = fakeRegistries({ enterprise: [company, { ...company, creditCode: 'E2', status: 'revoked' }] });

describe('enterpriseCheck', () => {
  it('passes for an active enterprise with the declared representative, without the ID number in the detail', async () => {
    const result = await check.run({ code: 'E1', rep: '410183198811080067' }, registries);
    expect(result).toStrictEqual({
      passed: true,
      summary: { zh: '市场主体信息核验通过', en: 'Enterprise registration verified' },
      detail: {
        found: true,
        enterpriseName: '新密示例建设有限公司',
        status: 'active',
        qualification: '建筑工程施工总承包二级',
        legalRepMatches: true,
      },
    });
    expect(JSON.stringify(result)).not.toContain('410183198811080067');
  });

  it('fails for another legal representative', async () => {
    await expect(check.run({ code: 'E1', rep: '410102198503150010' }, registries)).resolves.toMatchObject({
      passed: false,
      detail: { legalRepMatches: false },
    });
  });

  it('fails for a revoked enterprise', async () => {
    await expect(check.run({ code: 'E2', rep: '410183198811080067' }, registries)).resolves.toMatchObject({
      passed: false,
      summary: { en: 'The enterprise is not active' },
    });
  });

  it('fails for an unknown credit code', async () => {
    await expect(check.run({ code: 'E9', rep: 'x' }, registries)).resolves.toMatchObject({ passed: false, detail: { found: false } });
  });
});
