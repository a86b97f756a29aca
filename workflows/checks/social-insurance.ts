import type { LocalizedName, SharedDataCheck } from '../types';

/** Options of {@link socialInsuranceCheck}. */
export interface SocialInsuranceCheckOptions<F> {
  id: string;
  name: LocalizedName;
  /** Resident ID number of the insured person. */
  person(form: F): string;
}

/** Social-insurance (社保) look-up, in place of a contribution record: passes when active. */
export function socialInsuranceCheck<F>(options: SocialInsuranceCheckOptions<F>): SharedDataCheck<F> {
  return {
    id: options.id,
    name: options.name,
    registry: 'socialInsurance',
    async run(form, registries) {
      const record = await registries.socialInsurance(options.person(form));
      if (!record) {
        return { passed: false, detail: { found: false }, summary: { zh: '未查询到社保参保记录', en: 'No social-insurance record' } };
      }
      const detail = { found: true, city: record.city, since: record.since, status: record.status };
      return record.status === 'active'
        ? { passed: true, detail, summary: { zh: '社保参保状态正常', en: 'Social insurance active' } }
        : { passed: false, detail, summary: { zh: '社保参保状态异常', en: 'Social insurance not active' } };
    },
  };
}
