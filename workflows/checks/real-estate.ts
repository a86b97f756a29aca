import type { LocalizedName, SharedDataCheck } from '../types';

/** Options of {@link realEstateCheck}. */
export interface RealEstateCheckOptions<F> {
  id: string;
  name: LocalizedName;
  certificateNo(form: F): string;
  /** Resident ID number or unified social credit code that must be among the owners. */
  owner(form: F): string;
  usage: 'residential' | 'construction-land';
}

/**
 * Real-estate register (不动产登记) look-up, in place of the property certificate: passes
 * when the certificate exists, the applicant is an owner and the usage is the expected one.
 */
export function realEstateCheck<F>(options: RealEstateCheckOptions<F>): SharedDataCheck<F> {
  return {
    id: options.id,
    name: options.name,
    registry: 'realEstate',
    async run(form, registries) {
      const record = await registries.realEstateByCertificate(options.certificateNo(form));
      if (!record) {
        return {
          passed: false,
          detail: { found: false },
          summary: { zh: '未查询到该不动产权证书', en: 'No such real-estate certificate' },
        };
      }
      const owner = options.owner(form);
      const ownerMatches = (record.ownerIdNumbers ?? []).includes(owner) || record.ownerCreditCode === owner;
      const usageMatches = record.usage === options.usage;
      const detail = { found: true, ownerMatches, usage: record.usage, registeredAt: record.registeredAt };
      if (!ownerMatches) {
        return { passed: false, detail, summary: { zh: '申请人不是该不动产的权利人', en: 'The applicant does not own this property' } };
      }
      if (!usageMatches) {
        return { passed: false, detail, summary: { zh: '不动产用途不符', en: `The property's usage is not ${options.usage}` } };
      }
      return { passed: true, detail, summary: { zh: '不动产权属核验通过', en: 'Property ownership verified' } };
    },
  };
}
