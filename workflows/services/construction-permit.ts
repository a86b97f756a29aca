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
  leadDepartment: 'housing-construction',
  smsPhoneField: 'applicant.contact.phone',
};

const statute = (zh: string, en: string) => ({ kind: 'statute', source: { zh, en } }) as const;

const byId = (id: string) => {
  const dept = constructionPermitV1.departments.find((d) => d.id === id);
  if (!dept) throw new RangeError(`construction-permit v1 has no department ${id}`);
  return dept;
};

/**
 * Version 2: the order the law implies, with the statutory limits.
 * 1. 工程规划许可 (natural-resources): 建筑法 art. 8 lists the planning permit among the
 *    conditions of the construction permit, and the fire and civil-air-defence reviews
 *    examine drawings drawn to the approved plan. 20 working days (行政许可法 art. 42, as
 *    城乡规划法 sets none; the +10 extension is not promised).
 * 2. In parallel, on the construction drawings: 消防设计审查 (住建部令第51号 art. 22: 15
 *    working days, expert review not counted, 行政许可法 art. 45) and 人防 (20, 行政许可法
 *    art. 42). 消防法 art. 12: no construction may start before the fire design passes.
 * 3. 施工许可 (housing-construction), once all of them are issued: 7 (建筑法 art. 8 "七日",
 *    counted as working days in practice).
 */
export const constructionPermitV2: ServiceDefinition<ConstructionPermitForm> = {
  ...constructionPermitV1,
  version: 2,
  departments: [
    {
      ...byId('natural-resources'),
      timeLimitWorkingDays: 20,
      timeLimitBasis: statute(
        '《中华人民共和国行政许可法》第四十二条：二十个工作日（《城乡规划法》未规定建设工程规划许可期限）',
        'Administrative Licensing Law art. 42: 20 working days (the Urban and Rural Planning Law sets none)',
      ),
      results: [
        {
          id: 'planningPermitNo',
          label: { zh: '建设工程规划许可证号', en: 'Construction project planning permit number' },
          pattern: '^[0-9A-Za-z\\u4e00-\\u9fa5()（）〔〕-]{4,40}$',
          required: true,
          personal: false,
        },
      ],
    },
    {
      ...byId('fire'),
      name: { zh: '住房和城乡建设局（消防设计审查）', en: 'Housing and Urban-Rural Development Bureau (fire design review)' },
      after: ['natural-resources'],
      timeLimitWorkingDays: 15,
      timeLimitBasis: statute(
        '《建设工程消防设计审查验收管理暂行规定》（住建部令第51号）第二十二条：十五个工作日，专家评审时间不计入（《行政许可法》第四十五条）',
        'Interim Provisions on Fire Design Review and Acceptance (MOHURD Order 51) art. 22: 15 working days, expert review not counted (Administrative Licensing Law art. 45)',
      ),
    },
    {
      ...byId('civil-air-defence'),
      after: ['natural-resources'],
      timeLimitWorkingDays: 20,
      timeLimitBasis: statute(
        '《中华人民共和国行政许可法》第四十二条：二十个工作日',
        'Administrative Licensing Law art. 42: 20 working days',
      ),
    },
    {
      ...byId('housing-construction'),
      after: ['fire', 'civil-air-defence'],
      timeLimitWorkingDays: 7,
      timeLimitBasis: statute(
        '《中华人民共和国建筑法》第八条：自收到申请之日起七日内（实践中按工作日计）',
        'Construction Law art. 8: within seven days of the application (counted as working days in practice)',
      ),
    },
  ],
};
