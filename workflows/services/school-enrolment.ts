/**
 * 教育入学一件事 — school enrolment (上街区 practice in the seed). Shared data replaces the
 * household booklet, the property certificate and the social-insurance record, so the
 * parent uploads nothing unless a look-up fails. Children's data is sensitive personal
 * information (PIPL art. 28): each department sees only what its check needs.
 */
import * as z from 'zod';
import { checkResidentId, residentIdNumber } from '../../shared/identity';
import { householdCheck } from '../checks/household';
import { realEstateCheck } from '../checks/real-estate';
import { socialInsuranceCheck } from '../checks/social-insurance';
import type { ServiceDefinition } from '../types';
import { TITLES, choice, isoDate, mobilePhone, personName, text, titled } from './fields';

/**
 * The birth date is also inside the ID number; it is asked separately so that the
 * education bureau can place the child by age without seeing the ID number, and it must agree.
 */
const child = z
  .object({
    name: titled(personName, TITLES.name),
    idNumber: titled(residentIdNumber(), TITLES.idNumber),
    birthDate: titled(isoDate, TITLES.birthDate),
  })
  .superRefine((c, ctx) => {
    const id = checkResidentId(c.idNumber);
    if (id.ok && id.info.birthDate !== c.birthDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['birthDate'],
        message: `does not match the ID number (${id.info.birthDate})`,
        params: { code: 'birth-date-mismatch', birthDate: id.info.birthDate },
      });
    }
  });

const form = z.object({
  child: titled(child, { zh: '适龄儿童', en: 'Child' }),
  guardian: titled(
    z.object({
      name: titled(personName, TITLES.name),
      idNumber: titled(residentIdNumber(), TITLES.idNumber),
      relationship: choice(
        {
          father: { zh: '父亲', en: 'Father' },
          mother: { zh: '母亲', en: 'Mother' },
          grandparent: { zh: '祖父母或外祖父母', en: 'Grandparent' },
          other: { zh: '其他监护人', en: 'Other guardian' },
        },
        { zh: '与儿童关系', en: 'Relationship to the child' },
      ),
      phone: titled(mobilePhone, TITLES.mobilePhone),
    }),
    { zh: '监护人', en: 'Guardian' },
  ),
  residence: titled(
    z.object({
      address: titled(text(200), { zh: '居住地址', en: 'Home address' }),
      propertyCertificateNo: titled(text(60), { zh: '不动产权证书号', en: 'Property certificate number' }),
    }),
    { zh: '居住信息', en: 'Residence' },
  ),
  school: titled(
    z.object({
      stage: choice(
        { primary: { zh: '小学', en: 'Primary school' }, 'junior-secondary': { zh: '初中', en: 'Junior secondary school' } },
        { zh: '入学学段', en: 'School stage' },
      ),
      preferred: titled(text(100), { zh: '意向学校', en: 'Preferred school' }),
    }),
    { zh: '入学意向', en: 'School' },
  ),
  /** 随迁子女: the family's household register is elsewhere; the social-insurance record then counts. */
  nonLocal: titled(z.boolean(), { zh: '是否随迁子女', en: 'Family registered elsewhere (随迁子女)' }),
});

export type SchoolEnrolmentForm = z.infer<typeof form>;

/** No statute sets a limit for the enrolment checks: the local education bureau's promise, configurable per site. */
const schoolPromise = {
  kind: 'local-promise',
  source: {
    zh: '地方承诺时限：入学资格审核无法定办理时限，按当地教育局年度招生工作方案承诺，本地可配置',
    en: "Local promise: no statute sets a limit for enrolment checks; the local education bureau's annual admissions plan, configurable per site",
  },
} as const;

const pdfOrImage: ('application/pdf' | 'image/jpeg' | 'image/png')[] = ['application/pdf', 'image/jpeg', 'image/png'];

export const schoolEnrolmentV1: ServiceDefinition<SchoolEnrolmentForm> = {
  id: 'school-enrolment',
  version: 1,
  name: { zh: '教育入学一件事', en: 'School enrolment' },
  description: {
    zh: '一次申报，教育、公安、不动产登记、人社并联审核，户籍、房产、社保信息通过数据共享核验，无需重复提交证明。',
    en: 'One application; education, public security, real-estate registration and social security review in parallel, with household, property and social-insurance data verified through data sharing instead of certificates.',
  },
  legalBasis: [
    '《中华人民共和国义务教育法》第十二条',
    '《个人信息保护法》第二十八条',
    '《国务院关于进一步优化政务服务提升行政效能推动“高效办成一件事”的指导意见》(国发〔2024〕3号)',
  ],
  form,
  example: {
    child: { name: '张小明', idNumber: '410106201909010034', birthDate: '2019-09-01' },
    guardian: { name: '张伟', idNumber: '410102198503150010', relationship: 'father', phone: '13800138000' },
    residence: { address: '河南省郑州市上街区济源路12号', propertyCertificateNo: '豫(2021)郑州市不动产权第0012345号' },
    school: { stage: 'primary', preferred: '上街区实验小学' },
    nonLocal: false,
  },
  materials: [
    {
      id: 'household-booklet',
      name: { zh: '户口簿', en: 'Household register booklet' },
      required: true,
      accept: pdfOrImage,
      maxBytes: 5_000_000,
      replacedBySharedData: 'household',
    },
    {
      id: 'property-certificate',
      name: { zh: '不动产权证书', en: 'Property certificate' },
      required: true,
      accept: pdfOrImage,
      maxBytes: 5_000_000,
      replacedBySharedData: 'property',
    },
    {
      id: 'social-insurance-record',
      name: { zh: '社保缴费证明', en: 'Social-insurance contribution record' },
      required: false,
      accept: pdfOrImage,
      maxBytes: 5_000_000,
      replacedBySharedData: 'social-insurance',
    },
  ],
  departments: [
    {
      id: 'education',
      name: { zh: '教育局', en: 'Education Bureau' },
      timeLimitWorkingDays: 10,
      timeLimitBasis: schoolPromise,
      sees: {
        fields: [
          'child.name',
          'child.birthDate',
          'guardian.name',
          'guardian.relationship',
          'guardian.phone',
          'residence.address',
          'school.stage',
          'school.preferred',
          'nonLocal',
        ],
        materials: [],
      },
      checks: ['household', 'property', 'social-insurance'],
    },
    {
      id: 'public-security',
      name: { zh: '公安局（户籍）', en: 'Public Security Bureau (household registration)' },
      timeLimitWorkingDays: 3,
      timeLimitBasis: schoolPromise,
      sees: { fields: ['child.name', 'child.idNumber', 'guardian.name', 'guardian.idNumber'], materials: ['household-booklet'] },
      checks: ['household'],
    },
    {
      id: 'real-estate',
      name: { zh: '不动产登记中心', en: 'Real-Estate Registration Centre' },
      timeLimitWorkingDays: 3,
      timeLimitBasis: schoolPromise,
      sees: {
        fields: ['guardian.name', 'guardian.idNumber', 'residence.address', 'residence.propertyCertificateNo'],
        materials: ['property-certificate'],
      },
      checks: ['property'],
    },
    {
      id: 'hrss',
      name: { zh: '人力资源和社会保障局', en: 'Human Resources and Social Security Bureau' },
      timeLimitWorkingDays: 3,
      timeLimitBasis: schoolPromise,
      sees: { fields: ['guardian.name', 'guardian.idNumber', 'nonLocal'], materials: ['social-insurance-record'] },
      checks: ['social-insurance'],
    },
  ],
  checks: [
    householdCheck({
      id: 'household',
      name: { zh: '户籍核验', en: 'Household registration check' },
      members: (f) => [f.child.idNumber, f.guardian.idNumber],
    }),
    realEstateCheck({
      id: 'property',
      name: { zh: '房产核验', en: 'Property check' },
      certificateNo: (f) => f.residence.propertyCertificateNo,
      owner: (f) => f.guardian.idNumber,
      usage: 'residential',
    }),
    socialInsuranceCheck({
      id: 'social-insurance',
      name: { zh: '社保核验', en: 'Social-insurance check' },
      person: (f) => f.guardian.idNumber,
    }),
  ],
  warnAtShare: 0.75,
  escalateEveryHours: 24,
  leadDepartment: 'education',
  smsPhoneField: 'guardian.phone',
};
