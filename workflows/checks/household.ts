import type { LocalizedName, SharedDataCheck } from '../types';

/** Options of {@link householdCheck}. */
export interface HouseholdCheckOptions<F> {
  id: string;
  name: LocalizedName;
  /** ID numbers of the people who must be registered in one and the same household. */
  members(form: F): string[];
}

/**
 * Household register (户籍) look-up, in place of the household register booklet (户口簿):
 * passes when every listed person is registered and all share one household.
 *
 * @example householdCheck({ id: 'household', name, members: (f) => [f.child.idNumber, f.guardian.idNumber] })
 */
export function householdCheck<F>(options: HouseholdCheckOptions<F>): SharedDataCheck<F> {
  return {
    id: options.id,
    name: options.name,
    registry: 'household',
    async run(form, registries) {
      const ids = options.members(form);
      const records = await Promise.all(ids.map((id) => registries.household(id)));
      const found = records.filter((r) => r !== undefined);
      const households = new Set(found.map((r) => r.householdNo));
      const passed = found.length === ids.length && households.size === 1;
      // Counts, a flag and a date only: the household number and address identify the family.
      const detail = {
        people: ids.length,
        registered: found.length,
        sameHousehold: passed,
        ...(found.length > 0 && { registeredSince: found.map((r) => r.registeredSince).sort()[found.length - 1] }),
      };
      if (passed) {
        return { passed, detail, summary: { zh: '户籍信息核验通过', en: 'Household registration verified' } };
      }
      return {
        passed,
        detail,
        summary:
          found.length < ids.length
            ? { zh: '未查询到户籍登记信息', en: 'No household registration found' }
            : { zh: '申报人员不在同一户籍', en: 'The people named are not in one household' },
      };
    },
  };
}
