import type {
  BirthRecord,
  DataSharing,
  EnterpriseRecord,
  HouseholdRecord,
  RealEstateRecord,
  SocialInsuranceRecord,
} from '../../../../shared/registries';

/** In-memory registries typed from the real interface, so the fake cannot drift from it. */
export function fakeRegistries(records: {
  household?: HouseholdRecord[];
  realEstate?: RealEstateRecord[];
  socialInsurance?: SocialInsuranceRecord[];
  enterprise?: EnterpriseRecord[];
  birthRecord?: BirthRecord[];
}): DataSharing {
  const find = <T>(list: T[] | undefined, match: (r: T) => boolean) => (list ?? []).find(match);
  return {
    household: async (id) => find(records.household, (r) => r.idNumber === id),
    householdMembers: async (no) => (records.household ?? []).filter((r) => r.householdNo === no),
    realEstateByCertificate: async (no) => find(records.realEstate, (r) => r.certificateNo === no),
    realEstateByOwner: async (owner) =>
      (records.realEstate ?? []).filter((r) => r.ownerCreditCode === owner || (r.ownerIdNumbers ?? []).includes(owner)),
    socialInsurance: async (id) => find(records.socialInsurance, (r) => r.idNumber === id),
    enterprise: async (code) => find(records.enterprise, (r) => r.creditCode === code),
    birthRecord: async (no) => find(records.birthRecord, (r) => r.certificateNo === no),
  };
}

export const person = (idNumber: string, householdNo: string, registeredSince = '2015-06-01'): HouseholdRecord => ({
  idNumber,
  name: '测试',
  householdNo,
  address: '河南省郑州市测试路1号',
  registeredSince,
});
