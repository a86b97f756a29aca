/**
 * The synthetic data-sharing adapter of the local runtime: in-memory indexes over
 * `data/synthetic.json`. The JSON is imported (not read from disk) so bundles carry it.
 */
import type * as z from 'zod';
import bundled from './data/synthetic.json';
import { assertCreditCode, assertResidentIdNumber, InvalidIdentifierError, isCreditCode, isResidentIdNumber } from '../identity';
import { RegistryDataError } from './errors';
import { syntheticDataSchema, type SyntheticData } from './schema';
import type { DataSharing, RealEstateRecord } from './types';

type Parsed = z.output<typeof syntheticDataSchema>;

/**
 * Builds the adapter over `data` (default: the bundled `data/synthetic.json`), validated
 * with zod. Throws `RegistryDataError` naming the first bad field or a duplicate key.
 *
 * @example
 * const registries = createSyntheticDataSharing();
 * await registries.household('410102198503150010'); // { name: '张伟', householdNo: '410106-0012345', ... }
 */
export function createSyntheticDataSharing(data: SyntheticData = bundled as SyntheticData): DataSharing {
  const parsed = parse(data);
  const households = indexUnique(parsed.householdRegistration, 'householdRegistration', 'idNumber');
  const estates = indexUnique(parsed.realEstate, 'realEstate', 'certificateNo');
  const insurance = indexUnique(parsed.socialInsurance, 'socialInsurance', 'idNumber');
  const enterprises = indexUnique(parsed.enterprises, 'enterprises', 'creditCode');
  const births = indexUnique(parsed.birthRecords, 'birthRecords', 'certificateNo');
  // Copies, so that a caller mutating a result cannot change the registry.
  const copy = <T>(record: T | undefined): T | undefined => (record === undefined ? undefined : structuredClone(record));

  return {
    household: async (idNumber) => copy(households.get(assertResidentIdNumber('idNumber', idNumber))),
    householdMembers: async (householdNo) => {
      const key = requireText('householdNo', householdNo);
      return parsed.householdRegistration.filter((h) => h.householdNo === key).map((h) => structuredClone(h));
    },
    realEstateByCertificate: async (certificateNo) => copy(estates.get(requireText('certificateNo', certificateNo))),
    realEstateByOwner: async (ownerId) => {
      const owner = ownerKey(ownerId);
      const owns = (r: RealEstateRecord) =>
        owner.kind === 'person' ? (r.ownerIdNumbers ?? []).includes(owner.id) : r.ownerCreditCode === owner.id;
      return parsed.realEstate.filter(owns).map((r) => structuredClone(r));
    },
    socialInsurance: async (idNumber) => copy(insurance.get(assertResidentIdNumber('idNumber', idNumber))),
    enterprise: async (code) => copy(enterprises.get(assertCreditCode('creditCode', code))),
    birthRecord: async (certificateNo) => copy(births.get(requireText('certificateNo', certificateNo))),
  };
}

function parse(data: SyntheticData): Parsed {
  const result = syntheticDataSchema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new RegistryDataError(issue?.path.join('.') || '(root)', issue?.message ?? 'invalid', { cause: result.error });
}

function indexUnique<T, K extends keyof T & string>(records: T[], collection: string, key: K): Map<T[K], T> {
  const map = new Map<T[K], T>();
  records.forEach((record, i) => {
    if (map.has(record[key])) throw new RegistryDataError(`${collection}.${i}.${key}`, `duplicate ${String(record[key])}`);
    map.set(record[key], record);
  });
  return map;
}

function requireText(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidIdentifierError(field, 'must be a non-empty string');
  return value.trim();
}

/** An owner is a person (resident ID number) or an enterprise (credit code); both are 18 characters. */
function ownerKey(ownerId: unknown): { kind: 'person' | 'enterprise'; id: string } {
  const id = requireText('ownerId', ownerId).toUpperCase();
  if (isResidentIdNumber(id)) return { kind: 'person', id };
  if (isCreditCode(id)) return { kind: 'enterprise', id };
  throw new InvalidIdentifierError('ownerId', 'is neither a valid resident ID number nor a valid unified social credit code');
}
