/**
 * Masking of personal data for logs and lists (PIPL: data minimisation). Masking keeps just
 * enough for a human to tell records apart, never enough to recover the value.
 */
import { isResidentIdNumber } from './resident-id';

/**
 * Masks an ID number or similar identifier: the first 6 (region) and last 4 characters
 * stay, every character in between (birth date, sequence) becomes `*`. Values shorter than
 * 11 characters are masked entirely, since 10 visible characters would reveal most of them.
 *
 * @example maskIdNumber('410102198503150010') // '410102********0010'
 */
export function maskIdNumber(value: string): string {
  const chars = [...value];
  if (chars.length <= 10) return '*'.repeat(chars.length);
  return chars.slice(0, 6).join('') + '*'.repeat(chars.length - 10) + chars.slice(-4).join('');
}

/** Keeps the first character (usually the surname). @example maskName('张伟') // '张*' */
export function maskName(value: string): string {
  const chars = [...value.trim()];
  if (chars.length <= 1) return '*'.repeat(chars.length);
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** Keeps the first 3 and last 4 digits. @example maskPhone('13812345678') // '138****5678' */
export function maskPhone(value: string): string {
  const chars = [...value];
  if (chars.length <= 7) return '*'.repeat(chars.length);
  return chars.slice(0, 3).join('') + '*'.repeat(chars.length - 7) + chars.slice(-4).join('');
}

/** Keeps the first 6 characters (province and city). @example maskAddress('河南省郑州市上街区济源路12号') // '河南省郑州市***' */
export function maskAddress(value: string): string {
  const chars = [...value];
  return chars.length <= 6 ? '*'.repeat(chars.length) : `${chars.slice(0, 6).join('')}***`;
}

/** Keeps the first character and the domain. @example maskEmail('zhang.wei@example.cn') // 'z***@example.cn' */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  return at <= 0 ? maskName(value) : `${value[0]}***${value.slice(at)}`;
}

/** Any 18-character resident ID number inside free text (check character verified). */
const EMBEDDED_ID = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;

/** Masks valid resident ID numbers appearing anywhere inside a string (e.g. an error message). */
export function maskIdNumbersInText(text: string): string {
  return text.replace(EMBEDDED_ID, (m) => (isResidentIdNumber(m.toUpperCase()) ? maskIdNumber(m) : m));
}
