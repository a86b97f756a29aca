/** The data-sharing adapter ("数据多跑路"): see README.md. */
export type { BirthRecord, DataSharing, EnterpriseRecord, HouseholdRecord, RealEstateRecord, SocialInsuranceRecord } from './types';
export { createSyntheticDataSharing } from './synthetic';
export type { SyntheticData } from './schema';
export { RegistryDataError } from './errors';
