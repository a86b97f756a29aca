/** Field schemas shared by the seed services' forms. */
import * as z from 'zod';

/** A form label in both languages: `title` in JSON Schema is the Chinese one, `x-title-en` the English. */
export interface FieldTitle {
  zh: string;
  en: string;
}

/**
 * Labels a form field (or a group of fields) so `formSchema` of GET /v1/services/{id} carries
 * the words the UI shows: `title` (zh-CN, the platform's first language) and `x-title-en`.
 *
 * @example titled(personName, { zh: '姓名', en: 'Name' })
 */
export function titled<S extends z.ZodType>(schema: S, title: FieldTitle): S {
  return schema.meta({ title: title.zh, 'x-title-en': title.en });
}

/**
 * A labelled choice: the field's title and one label per option, as `x-enum-titles` (zh-CN) and
 * `x-enum-titles-en` (value -> label), so the UI shows 父亲 for `father`.
 *
 * @example choice({ F: { zh: '女', en: 'Female' }, M: { zh: '男', en: 'Male' } }, { zh: '性别', en: 'Sex' })
 */
export function choice<const V extends string>(options: Record<V, FieldTitle>, title: FieldTitle) {
  const values = Object.keys(options) as [V, ...V[]];
  const labels = (lang: keyof FieldTitle) => Object.fromEntries(values.map((v) => [v, options[v][lang]]));
  return z.enum(values).meta({ title: title.zh, 'x-title-en': title.en, 'x-enum-titles': labels('zh'), 'x-enum-titles-en': labels('en') });
}

/** Labels used by several forms (GLOSSARY.md words). */
export const TITLES = {
  name: { zh: '姓名', en: 'Name' },
  idNumber: { zh: '公民身份号码', en: 'Resident ID number' },
  birthDate: { zh: '出生日期', en: 'Date of birth' },
  mobilePhone: { zh: '手机号码', en: 'Mobile phone' },
  landCertificateNo: { zh: '不动产权证书号（土地）', en: 'Land certificate number' },
} as const satisfies Record<string, FieldTitle>;

/** A person's name as on the ID card (Chinese names may contain "·"). */
export const personName = z.string().trim().min(1, 'name is required').max(40);

/** Mainland mobile number, 11 digits starting with 1. */
export const mobilePhone = z.string().regex(/^1[3-9]\d{9}$/, 'expected an 11-digit mobile number');

/** Calendar date `YYYY-MM-DD`. */
export const isoDate = z.iso.date();

/** Free text with an upper bound, so one field cannot blow up the item size. */
export const text = (max: number) => z.string().trim().min(1).max(max);
