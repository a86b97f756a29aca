/** The applicant block of enterprise services, and the materials shared data replaces for them. */
import * as z from 'zod';
import { creditCode, residentIdNumber } from '../../shared/identity';
import { enterpriseCheck } from '../checks/enterprise';
import { realEstateCheck } from '../checks/real-estate';
import type { MaterialSpec, SharedDataCheck } from '../types';
import { TITLES, mobilePhone, personName, text, titled } from './fields';

/** An enterprise identified by its unified social credit code (GB 32100). */
export const enterpriseApplicant = titled(
  z.object({
    creditCode: titled(creditCode(), { zh: '统一社会信用代码', en: 'Unified social credit code' }),
    name: titled(text(100), { zh: '单位名称', en: 'Enterprise name' }),
    legalRepresentative: titled(
      z.object({ name: titled(personName, TITLES.name), idNumber: titled(residentIdNumber(), TITLES.idNumber) }),
      { zh: '法定代表人', en: 'Legal representative' },
    ),
    contact: titled(z.object({ name: titled(personName, TITLES.name), phone: titled(mobilePhone, TITLES.mobilePhone) }), {
      zh: '联系人',
      en: 'Contact person',
    }),
  }),
  { zh: '申请单位', en: 'Applicant enterprise' },
);

/** 营业执照 and 不动产权证书: looked up in the registers (checks `enterprise` and `land`). */
export const enterpriseMaterials: MaterialSpec[] = [
  {
    id: 'business-licence',
    name: { zh: '营业执照', en: 'Business licence' },
    required: true,
    accept: ['application/pdf', 'image/jpeg', 'image/png'],
    maxBytes: 5_000_000,
    replacedBySharedData: 'enterprise',
  },
  {
    id: 'land-certificate',
    name: { zh: '不动产权证书（土地）', en: 'Land-use right certificate' },
    required: true,
    accept: ['application/pdf', 'image/jpeg', 'image/png'],
    maxBytes: 5_000_000,
    replacedBySharedData: 'land',
  },
];

type EnterpriseForm = { applicant: z.infer<typeof enterpriseApplicant> };

/**
 * The checks that replace `enterpriseMaterials`: the enterprise register (with its legal
 * representative) and the construction land the enterprise owns.
 */
export function enterpriseChecks<F extends EnterpriseForm>(landCertificateNo: (form: F) => string): SharedDataCheck<F>[] {
  return [
    enterpriseCheck<F>({
      id: 'enterprise',
      name: { zh: '市场主体核验', en: 'Enterprise check' },
      creditCode: (f) => f.applicant.creditCode,
      legalRepresentative: (f) => f.applicant.legalRepresentative.idNumber,
    }),
    realEstateCheck<F>({
      id: 'land',
      name: { zh: '土地权属核验', en: 'Land right check' },
      certificateNo: landCertificateNo,
      owner: (f) => f.applicant.creditCode,
      usage: 'construction-land',
    }),
  ];
}

/** The synthetic enterprise of the local runtime, with its legal representative. */
export const exampleEnterprise = {
  creditCode: '91410183MA9KXY801L',
  name: '新密示例建设有限公司',
  legalRepresentative: { name: '赵强', idNumber: '410183198811080067' },
  contact: { name: '赵强', phone: '13903710001' },
};

/** Its construction-land certificate. */
export const exampleLandCertificateNo = '豫(2024)新密市不动产权第0000777号';
