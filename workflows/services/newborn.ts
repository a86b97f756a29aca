/**
 * 新生儿出生一件事 — newborn (荥阳 "政务服务进医院": handled at the maternity hospital).
 * Birth medical certificate, household registration, medical insurance and the
 * social-security card in one application, in as little as 5 working days. The hospital's
 * birth record and the parent's household register replace the paper certificates.
 * Everything about the child is sensitive personal information (PIPL art. 28).
 */
import * as z from 'zod';
import { residentIdNumber } from '../../shared/identity';
import { birthRecordCheck } from '../checks/birth-record';
import { householdCheck } from '../checks/household';
import type { ServiceDefinition } from '../types';
import { TITLES, choice, isoDate, mobilePhone, personName, text, titled } from './fields';

const parent = z.object({ name: titled(personName, TITLES.name), idNumber: titled(residentIdNumber(), TITLES.idNumber) });

const form = z
  .object({
    child: titled(
      z.object({
        name: titled(personName, TITLES.name),
        sex: choice({ F: { zh: '女', en: 'Female' }, M: { zh: '男', en: 'Male' } }, { zh: '性别', en: 'Sex' }),
        birthDate: titled(isoDate, TITLES.birthDate),
        birthCertificateNo: titled(text(20), { zh: '出生医学证明编号', en: 'Birth medical certificate number' }),
      }),
      { zh: '新生儿', en: 'Newborn' },
    ),
    mother: titled(parent, { zh: '母亲', en: 'Mother' }),
    /** Absent when the father is not named on the birth medical certificate. */
    father: titled(parent, { zh: '父亲', en: 'Father' }).optional(),
    /** The parent whose household the child is registered in (随父或随母落户). */
    registration: titled(
      z.object({
        registerWith: choice(
          { mother: { zh: '随母落户', en: "With the mother's household" }, father: { zh: '随父落户', en: "With the father's household" } },
          { zh: '随父或随母落户', en: 'Register with' },
        ),
      }),
      {
        zh: '户口登记',
        en: 'Household registration',
      },
    ),
    contact: titled(
      z.object({
        phone: titled(mobilePhone, TITLES.mobilePhone),
        cardMailingAddress: titled(text(200), { zh: '社保卡邮寄地址', en: 'Mailing address for the social-security card' }),
      }),
      { zh: '联系方式', en: 'Contact' },
    ),
  })
  .superRefine((f, ctx) => {
    if (f.registration.registerWith === 'father' && !f.father) {
      ctx.addIssue({ code: 'custom', path: ['father'], message: 'required when registering with the father' });
    }
  });

export type NewbornForm = z.infer<typeof form>;

/** ID number of the parent the child is registered with. */
function registeringParentId(f: NewbornForm): string {
  return f.registration.registerWith === 'father' && f.father ? f.father.idNumber : f.mother.idNumber;
}

const childFields = ['child.name', 'child.sex', 'child.birthDate'];

export const newbornV1: ServiceDefinition<NewbornForm> = {
  id: 'newborn',
  version: 1,
  name: { zh: '新生儿出生一件事', en: 'Newborn' },
  description: {
    zh: '出生医学证明、户口登记、医保参保、社保卡申领一次办，最快5个工作日办结。',
    en: 'Birth medical certificate, household registration, medical insurance and social-security card in one application, in as little as 5 working days.',
  },
  legalBasis: [
    '《中华人民共和国户口登记条例》第七条',
    '《中华人民共和国母婴保健法》第二十三条',
    '《个人信息保护法》第二十八条、第三十一条',
  ],
  form,
  example: {
    child: { name: '王小宝', sex: 'F', birthDate: '2026-01-05', birthCertificateNo: 'Q410012345' },
    mother: { name: '王芳', idNumber: '410102199002100052' },
    father: { name: '赵强', idNumber: '410183198811080067' },
    registration: { registerWith: 'mother' },
    contact: { phone: '13700371234', cardMailingAddress: '河南省荥阳市索河路88号' },
  },
  materials: [
    {
      id: 'birth-certificate',
      name: { zh: '出生医学证明', en: 'Birth medical certificate' },
      required: true,
      accept: ['application/pdf', 'image/jpeg', 'image/png'],
      maxBytes: 5_000_000,
      replacedBySharedData: 'birth-record',
    },
    {
      id: 'household-booklet',
      name: { zh: '户口簿', en: 'Household register booklet' },
      required: true,
      accept: ['application/pdf', 'image/jpeg', 'image/png'],
      maxBytes: 5_000_000,
      replacedBySharedData: 'household',
    },
    {
      id: 'child-photo',
      name: { zh: '社保卡照片（可选）', en: 'Photo for the social-security card (optional)' },
      required: false,
      accept: ['image/jpeg', 'image/png'],
      maxBytes: 2_000_000,
    },
  ],
  departments: [
    {
      id: 'health',
      name: { zh: '卫生健康委员会', en: 'Health Commission' },
      timeLimitWorkingDays: 2,
      sees: { fields: [...childFields, 'child.birthCertificateNo', 'mother.name', 'father.name'], materials: ['birth-certificate'] },
      checks: ['birth-record'],
    },
    {
      id: 'public-security',
      name: { zh: '公安局（户籍）', en: 'Public Security Bureau (household registration)' },
      timeLimitWorkingDays: 5,
      sees: {
        fields: [
          ...childFields,
          'child.birthCertificateNo',
          'mother.name',
          'mother.idNumber',
          'father.name',
          'father.idNumber',
          'registration.registerWith',
        ],
        materials: ['birth-certificate', 'household-booklet'],
      },
      checks: ['birth-record', 'household'],
    },
    {
      id: 'medical-insurance',
      name: { zh: '医疗保障局', en: 'Healthcare Security Bureau' },
      timeLimitWorkingDays: 3,
      sees: { fields: [...childFields, 'mother.name', 'contact.phone'], materials: [] },
      checks: ['birth-record'],
    },
    {
      id: 'hrss',
      name: { zh: '人力资源和社会保障局', en: 'Human Resources and Social Security Bureau' },
      timeLimitWorkingDays: 5,
      sees: { fields: [...childFields, 'contact.phone', 'contact.cardMailingAddress'], materials: ['child-photo'] },
      checks: ['birth-record'],
    },
  ],
  checks: [
    birthRecordCheck({
      id: 'birth-record',
      name: { zh: '出生医学证明核验', en: 'Birth record check' },
      certificateNo: (f) => f.child.birthCertificateNo,
      declared: (f) => ({
        childName: f.child.name,
        birthDate: f.child.birthDate,
        motherIdNumber: f.mother.idNumber,
        fatherIdNumber: f.father?.idNumber,
      }),
    }),
    householdCheck({
      id: 'household',
      name: { zh: '落户地户籍核验', en: 'Household registration check' },
      members: (f) => [registeringParentId(f)],
    }),
  ],
  warnAtShare: 0.75,
  escalateEveryHours: 24,
  leadDepartment: 'health',
  smsPhoneField: 'contact.phone',
};

/** Where no statute sets the department's limit: the local promise for the whole service. */
const newbornPromise = {
  kind: 'local-promise',
  source: {
    zh: '地方承诺时限：新生儿出生“一件事”全程最短5个工作日办结（中山市等地公开承诺）；各环节无法定办理时限，本地可配置',
    en: 'Local promise: the whole newborn one-thing in as little as 5 working days (published by Zhongshan and other cities); no statute sets the steps; configurable per site',
  },
} as const;

const [health, publicSecurity, medicalInsurance, hrss] = newbornV1.departments as [
  ServiceDefinition['departments'][number],
  ServiceDefinition['departments'][number],
  ServiceDefinition['departments'][number],
  ServiceDefinition['departments'][number],
];

/**
 * Version 2: the real order. The household registration (公安) needs the birth medical
 * certificate (卫健) first; medical insurance (医保) and the social-security card (人社) need
 * the child's registered household, then run in parallel. 1 + 2 + 2 working days: the whole
 * within the promised 5. Each approval hands its number forward.
 */
export const newbornV2: ServiceDefinition<NewbornForm> = {
  ...newbornV1,
  version: 2,
  departments: [
    {
      ...health,
      timeLimitWorkingDays: 1,
      timeLimitBasis: newbornPromise,
      results: [
        {
          id: 'birthCertificateNo',
          label: { zh: '出生医学证明编号', en: 'Birth medical certificate number' },
          pattern: '^[A-Z][0-9]{9}$',
          required: true,
          personal: true,
        },
      ],
    },
    {
      ...publicSecurity,
      after: ['health'],
      timeLimitWorkingDays: 2,
      timeLimitBasis: newbornPromise,
      results: [
        { id: 'householdNo', label: { zh: '户号', en: 'Household number' }, pattern: '^[0-9]{6,12}$', required: true, personal: true },
      ],
    },
    { ...medicalInsurance, after: ['public-security'], timeLimitWorkingDays: 2, timeLimitBasis: newbornPromise },
    { ...hrss, after: ['public-security'], timeLimitWorkingDays: 2, timeLimitBasis: newbornPromise },
  ],
};
