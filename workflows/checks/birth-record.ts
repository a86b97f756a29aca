import type { LocalizedName, SharedDataCheck } from '../types';

/** Options of {@link birthRecordCheck}. */
export interface BirthRecordCheckOptions<F> {
  id: string;
  name: LocalizedName;
  certificateNo(form: F): string;
  /** What the form declares; every part must match the hospital's record. */
  declared(form: F): { childName: string; birthDate: string; motherIdNumber: string; fatherIdNumber?: string };
}

/**
 * Birth medical certificate (出生医学证明) look-up in the health commission's register,
 * in place of the paper certificate: passes when the declared child and parents match.
 */
export function birthRecordCheck<F>(options: BirthRecordCheckOptions<F>): SharedDataCheck<F> {
  return {
    id: options.id,
    name: options.name,
    registry: 'birthRecord',
    async run(form, registries) {
      const record = await registries.birthRecord(options.certificateNo(form));
      if (!record) {
        return {
          passed: false,
          detail: { found: false },
          summary: { zh: '未查询到出生医学证明', en: 'No such birth medical certificate' },
        };
      }
      const declared = options.declared(form);
      const matches = {
        childName: record.childName === declared.childName,
        birthDate: record.birthDate === declared.birthDate,
        mother: record.motherIdNumber === declared.motherIdNumber,
        father: declared.fatherIdNumber === undefined || record.fatherIdNumber === declared.fatherIdNumber,
      };
      const mismatched = Object.entries(matches)
        .filter(([, ok]) => !ok)
        .map(([part]) => part);
      // Which parts matched, never the values: the child's data is sensitive (PIPL art. 28).
      const detail = { found: true, hospital: record.hospital, mismatched };
      return mismatched.length === 0
        ? { passed: true, detail, summary: { zh: '出生医学证明核验通过', en: 'Birth medical certificate verified' } }
        : { passed: false, detail, summary: { zh: '出生医学证明信息不符', en: `Birth record does not match: ${mismatched.join(', ')}` } };
    },
  };
}
