/**
 * 水电气暖联合报装 — joint water, power, gas and heating connection (新密 practice: one form,
 * one window, joint survey, parallel approval, decision in 2 working days). The four
 * utilities decide their connections; planning, urban management, parks and traffic police
 * decide the works on public land the connection needs.
 */
import * as z from 'zod';
import type { DepartmentSpec, ServiceDefinition } from '../types';
import {
  enterpriseApplicant,
  enterpriseChecks,
  enterpriseMaterials,
  exampleEnterprise,
  exampleLandCertificateNo,
} from './enterprise-fields';
import { TITLES, text, titled } from './fields';

const amount = z.number().nonnegative().max(1_000_000);

const form = z.object({
  applicant: enterpriseApplicant,
  site: titled(
    z.object({
      address: titled(text(200), { zh: '报装地址', en: 'Site address' }),
      landCertificateNo: titled(text(60), TITLES.landCertificateNo),
    }),
    { zh: '用地信息', en: 'Site' },
  ),
  /** Requested capacities; 0 means that utility is not needed. */
  loads: titled(
    z
      .object({
        waterCubicMetersPerDay: titled(amount, { zh: '用水量（立方米/日）', en: 'Water (m³/day)' }),
        powerKva: titled(amount, { zh: '用电容量（千伏安）', en: 'Power (kVA)' }),
        gasCubicMetersPerHour: titled(amount, { zh: '用气量（立方米/小时）', en: 'Gas (m³/h)' }),
        heatingSquareMeters: titled(amount, { zh: '供暖面积（平方米）', en: 'Heating area (m²)' }),
      })
      .refine((l) => Object.values(l).some((v) => v > 0), 'request at least one utility'),
    { zh: '报装容量', en: 'Requested capacities' },
  ),
  /** Works on public land for the service lines (each permit is decided in this one application). */
  works: titled(
    z.object({
      roadExcavationMeters: titled(amount, { zh: '占挖道路长度（米）', en: 'Road excavation (m)' }),
      greenSpaceSquareMeters: titled(amount, { zh: '占用绿地面积（平方米）', en: 'Green space occupied (m²)' }),
      trafficOccupationDays: titled(amount, { zh: '占道施工天数', en: 'Days of road occupation' }),
    }),
    { zh: '配套施工（占用道路、绿地）', en: 'Works on public land' },
  ),
});

export type UtilityConnectionForm = z.infer<typeof form>;

const TWO_DAYS = 2;
const applicantFields = ['applicant.creditCode', 'applicant.name', 'applicant.contact.name', 'applicant.contact.phone', 'site.address'];

/** A utility or authority: all decide in 2 working days, see the site plan and the enterprise check. */
function department(id: string, zh: string, en: string, fields: string[], extraChecks: string[] = []): DepartmentSpec {
  return {
    id,
    name: { zh, en },
    timeLimitWorkingDays: TWO_DAYS,
    timeLimitBasis: {
      kind: 'local-promise',
      source: {
        zh: '地方承诺时限：新密市水电气暖外线工程涉及的规划、占道、挖掘、绿地等审批各2个工作日办结（并联审批）',
        en: 'Local promise: Xinmi approves each permit of the external utility works (planning, road occupation, excavation, green space) within 2 working days, in parallel',
      },
    },
    sees: { fields: [...applicantFields, ...fields], materials: ['site-plan'] },
    checks: ['enterprise', ...extraChecks],
  };
}

export const utilityConnectionV1: ServiceDefinition<UtilityConnectionForm> = {
  id: 'utility-connection',
  version: 1,
  name: { zh: '水电气暖联合报装一件事', en: 'Joint water, power, gas and heating connection' },
  description: {
    zh: '一表申请、一窗受理、联合踏勘、并联审批，2个工作日内作出决定；涉及的占道挖掘、绿地占用、交通组织一并办理。',
    en: 'One form, one window, joint survey and parallel approval with a decision within 2 working days; road excavation, green-space and traffic permits are decided in the same application.',
  },
  legalBasis: ['《优化营商环境条例》第二十五条', '《城市道路管理条例》第三十条', '《城市绿化条例》第十九条'],
  form,
  example: {
    applicant: exampleEnterprise,
    site: { address: '河南省新密市青屏大街东段地块', landCertificateNo: exampleLandCertificateNo },
    loads: { waterCubicMetersPerDay: 120, powerKva: 1_250, gasCubicMetersPerHour: 80, heatingSquareMeters: 12_800 },
    works: { roadExcavationMeters: 45, greenSpaceSquareMeters: 30, trafficOccupationDays: 5 },
  },
  materials: [
    ...enterpriseMaterials,
    {
      id: 'site-plan',
      name: { zh: '总平面图（含管线走向）', en: 'Site plan with service-line routes' },
      required: true,
      accept: ['application/pdf'],
      maxBytes: 20_000_000,
    },
  ],
  departments: [
    department('water', '供水公司', 'Water utility', ['loads.waterCubicMetersPerDay']),
    department('power', '供电公司', 'Power utility', ['loads.powerKva']),
    department('gas', '燃气公司', 'Gas utility', ['loads.gasCubicMetersPerHour']),
    department('heating', '热力公司', 'Heating utility', ['loads.heatingSquareMeters']),
    department('natural-resources', '自然资源和规划局', 'Natural Resources and Planning Bureau', ['site.landCertificateNo'], ['land']),
    department('urban-management', '城市管理局', 'Urban Management Bureau', ['works.roadExcavationMeters']),
    department('parks', '园林绿化中心', 'Parks and Greening Centre', ['works.greenSpaceSquareMeters']),
    department('traffic-police', '公安局交通警察大队', 'Traffic Police', ['works.roadExcavationMeters', 'works.trafficOccupationDays']),
  ],
  checks: enterpriseChecks((f) => f.site.landCertificateNo),
  warnAtShare: 0.75,
  // A 2-day limit: escalate twice a working day rather than once a day.
  escalateEveryHours: 4,
  leadDepartment: 'power',
  smsPhoneField: 'applicant.contact.phone',
};
