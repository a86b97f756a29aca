/**
 * Records returned by the government data-sharing exchange (数据共享交换, "数据多跑路").
 * Only the fields a OneThing check needs; dates are `YYYY-MM-DD`, months `YYYY-MM`.
 */

/** One person in a household register (户籍). */
export interface HouseholdRecord {
  idNumber: string;
  name: string;
  /** Household number (户号); members of one household share it. */
  householdNo: string;
  address: string;
  registeredSince: string;
}

/** A registered real-estate right (不动产权证). Owned by people, or by one enterprise. */
export interface RealEstateRecord {
  certificateNo: string;
  ownerIdNumbers?: string[];
  ownerCreditCode?: string;
  address: string;
  usage: 'residential' | 'commercial' | 'industrial' | 'construction-land';
  registeredAt: string;
}

/** Social-insurance participation (社保参保) of one person. */
export interface SocialInsuranceRecord {
  idNumber: string;
  city: string;
  since: string;
  status: 'active' | 'suspended' | 'terminated';
}

/** A registered market entity (市场主体登记). */
export interface EnterpriseRecord {
  creditCode: string;
  name: string;
  legalRepIdNumber: string;
  status: 'active' | 'revoked' | 'deregistered';
  qualification?: string;
}

/** A birth medical certificate (出生医学证明). */
export interface BirthRecord {
  certificateNo: string;
  childName: string;
  sex: 'M' | 'F';
  birthDate: string;
  hospital: string;
  motherIdNumber: string;
  fatherIdNumber?: string;
}

/**
 * The data-sharing exchange, one method per look-up. Arguments are validated: a malformed
 * ID number or credit code throws `InvalidIdentifierError`; an unknown one resolves to
 * `undefined` (or `[]`).
 */
export interface DataSharing {
  household(idNumber: string): Promise<HouseholdRecord | undefined>;
  householdMembers(householdNo: string): Promise<HouseholdRecord[]>;
  realEstateByCertificate(certificateNo: string): Promise<RealEstateRecord | undefined>;
  /** Properties owned (or co-owned) by a person (ID number) or an enterprise (credit code). */
  realEstateByOwner(ownerId: string): Promise<RealEstateRecord[]>;
  socialInsurance(idNumber: string): Promise<SocialInsuranceRecord | undefined>;
  enterprise(creditCode: string): Promise<EnterpriseRecord | undefined>;
  birthRecord(certificateNo: string): Promise<BirthRecord | undefined>;
}
