/**
 * 施工许可 — construction permit (新密 "一把手走流程" walked it). The applicant is an
 * enterprise; its registration and land right are verified through shared data. Housing and
 * construction decides within 7 days (建筑法 art. 8); planning, fire and civil air defence
 * review in parallel.
 */
import * as z from 'zod';
import type { ServiceDefinition } from '../types';
import {
  enterpriseApplicant,
  enterpriseChecks,
  enterpriseMaterials,
  exampleEnterprise,
  exampleLandCertificateNo,
} from './enterprise-fields';
import { TITLES, isoDate, text, titled } from './fields';

const form = z.object({
  applicant: enterpriseApplicant,
  project: titled(
    z.object({
      name: titled(text(100), { zh: '项目名称', en: 'Project name' }),
      address: titled(text(200), { zh: '建设地址', en: 'Site address' }),
      landCertificateNo: titled(text(60), TITLES.landCertificateNo),
      floorAreaSquareMeters: titled(z.number().positive().max(10_000_000), { zh: '建筑面积（平方米）', en: 'Floor area (m²)' }),
      basementAreaSquareMeters: titled(z.number().nonnegative().max(10_000_000), { zh: '地下室面积（平方米）', en: 'Basement area (m²)' }),
      storeys: titled(z.number().int().positive().max(200), { zh: '层数', en: 'Storeys' }),
      contractPriceYuan: titled(z.number().positive(), { zh: '合同价格（元）', en: 'Contract price (yuan)' }),
      plannedStart: titled(isoDate, { zh: '计划开工日期', en: 'Planned start date' }),
    }),
    { zh: '工程项目', en: 'Project' },
  ),
});

export type ConstructionPermitForm = z.infer<typeof form>;

const pdf: ['application/pdf'] = ['application/pdf'];

export const constructionPermitV1: ServiceDefinition<ConstructionPermitForm> = {
  id: 'construction-permit',
  version: 1,
  name: { zh: '施工许可一件事', en: 'Construction permit' },
  description: {
    zh: '建设单位一次申报，住建、自然资源和规划、消防、人防并联审查；营业执照、土地权属通过数据共享核验。',
    en: 'One application by the developer; housing and construction, planning, fire and civil air defence review in parallel, with the business licence and land right verified through data sharing.',
  },
  legalBasis: ['《中华人民共和国建筑法》第七条、第八条', '《建筑工程施工许可管理办法》', '《中华人民共和国人民防空法》第二十二条'],
  form,
  example: {
    applicant: exampleEnterprise,
    project: {
      name: '新密示例产业园一期',
      address: '河南省新密市青屏大街东段地块',
      landCertificateNo: exampleLandCertificateNo,
      floorAreaSquareMeters: 12_800,
      basementAreaSquareMeters: 2_400,
      storeys: 6,
      contractPriceYuan: 36_000_000,
      plannedStart: '2026-12-01',
    },
  },
  materials: [
    ...enterpriseMaterials,
    {
      id: 'drawing-review-certificate',
      name: { zh: '施工图审查合格书', en: 'Construction drawing review certificate' },
      required: true,
      accept: pdf,
      maxBytes: 20_000_000,
    },
    {
      id: 'construction-contract',
      name: { zh: '施工合同', en: 'Construction contract' },
      required: true,
      accept: pdf,
      maxBytes: 20_000_000,
    },
    { id: 'fire-design', name: { zh: '消防设计文件', en: 'Fire protection design' }, required: true, accept: pdf, maxBytes: 50_000_000 },
  ],
  departments: [
    {
      id: 'housing-construction',
      name: { zh: '住房和城乡建设局', en: 'Housing and Urban-Rural Development Bureau' },
      timeLimitWorkingDays: 7,
      sees: {
        fields: [
          'applicant.creditCode',
          'applicant.name',
          'applicant.contact.name',
          'applicant.contact.phone',
          'project.name',
          'project.address',
          'project.landCertificateNo',
          'project.floorAreaSquareMeters',
          'project.basementAreaSquareMeters',
          'project.storeys',
          'project.contractPriceYuan',
          'project.plannedStart',
        ],
        materials: ['drawing-review-certificate', 'construction-contract'],
      },
      checks: ['enterprise', 'land'],
    },
    {
      id: 'natural-resources',
      name: { zh: '自然资源和规划局', en: 'Natural Resources and Planning Bureau' },
      timeLimitWorkingDays: 5,
      sees: {
        fields: [
          'applicant.creditCode',
          'applicant.name',
          'project.name',
          'project.address',
          'project.landCertificateNo',
          'project.floorAreaSquareMeters',
          'project.storeys',
        ],
        materials: ['land-certificate'],
      },
      checks: ['land'],
    },
    {
      id: 'fire',
      name: { zh: '消防救援支队', en: 'Fire and Rescue Detachment' },
      timeLimitWorkingDays: 5,
      sees: {
        fields: ['applicant.name', 'project.name', 'project.address', 'project.floorAreaSquareMeters', 'project.storeys'],
        materials: ['fire-design'],
      },
      checks: [],
    },
    {
      id: 'civil-air-defence',
      name: { zh: '人民防空办公室', en: 'Civil Air Defence Office' },
      timeLimitWorkingDays: 5,
      sees: {
        fields: ['applicant.name', 'project.name', 'project.address', 'project.floorAreaSquareMeters', 'project.basementAreaSquareMeters'],
        materials: ['drawing-review-certificate'],
      },
      checks: [],
    },
  ],
  checks: enterpriseChecks((f) => f.project.landCertificateNo),
  warnAtShare: 0.75,
  escalateEveryHours: 24,
};
