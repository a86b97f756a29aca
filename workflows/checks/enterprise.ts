import type { LocalizedName, SharedDataCheck } from '../types';

/** Options of {@link enterpriseCheck}. */
export interface EnterpriseCheckOptions<F> {
  id: string;
  name: LocalizedName;
  creditCode(form: F): string;
  /** The legal representative's resident ID number as declared on the form. */
  legalRepresentative(form: F): string;
}

/**
 * Market-entity register (企业登记) look-up, in place of the business licence: passes when
 * the enterprise exists, is active and has the declared legal representative.
 */
export function enterpriseCheck<F>(options: EnterpriseCheckOptions<F>): SharedDataCheck<F> {
  return {
    id: options.id,
    name: options.name,
    registry: 'enterprise',
    async run(form, registries) {
      const record = await registries.enterprise(options.creditCode(form));
      if (!record) {
        return { passed: false, detail: { found: false }, summary: { zh: '未查询到该市场主体', en: 'No such enterprise' } };
      }
      const legalRepMatches = record.legalRepIdNumber === options.legalRepresentative(form);
      // Enterprise registration data is public (企业信用信息公示); the representative's ID is not.
      const detail = {
        found: true,
        enterpriseName: record.name,
        status: record.status,
        qualification: record.qualification,
        legalRepMatches,
      };
      if (record.status !== 'active') {
        return { passed: false, detail, summary: { zh: '市场主体状态异常', en: 'The enterprise is not active' } };
      }
      if (!legalRepMatches) {
        return { passed: false, detail, summary: { zh: '法定代表人信息不符', en: 'The legal representative does not match' } };
      }
      return { passed: true, detail, summary: { zh: '市场主体信息核验通过', en: 'Enterprise registration verified' } };
    },
  };
}
