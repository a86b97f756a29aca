/** The applicant block of enterprise services, and the materials shared data replaces for them. */
import * as z from 'zod';
import { creditCode, residentIdNumber } from '../../shared/identity';
import type { MaterialSpec } from '../types';
import { mobilePhone, personName, text } from './fields';

/** An enterprise identified by its unified social credit code (GB 32100). */
export const enterpriseApplicant = z.object({
  creditCode: creditCode(),
  name: text(100),
  legalRepresentative: z.object({ name: personName, idNumber: residentIdNumber() }),
  contact: z.object({ name: personName, phone: mobilePhone }),
});

/** 营业执照 and 不动产权证书: looked up in the registers (checks `enterprise` and `land`). */
export const enterpriseMaterials: MaterialSpec[] = [
  { id: 'business-licence', name: { zh: '营业执照', en: 'Business licence' }, required: true, accept: ['application/pdf', 'image/jpeg', 'image/png'], maxBytes: 5_000_000, replacedBySharedData: 'enterprise' },
  { id: 'land-certificate', name: { zh: '不动产权证书（土地）', en: 'Land-use right certificate' }, required: true, accept: ['application/pdf', 'image/jpeg', 'image/png'], maxBytes: 5_000_000, replacedBySharedData: 'land' },
];

/** The synthetic enterprise of the local runtime, with its legal representative. */
export const exampleEnterprise = {
  creditCode: '91410183MA9KXY801L',
  name: '新密示例建设有限公司',
  legalRepresentative: { name: '赵强', idNumber: '410183198811080067' },
  contact: { name: '赵强', phone: '13903710001' },
};

/** Its construction-land certificate. */
export const exampleLandCertificateNo = '豫(2024)新密市不动产权第0000777号';
