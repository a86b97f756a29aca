/**
 * A small typed dictionary instead of vue-i18n: zh-CN first, English as the switch. Every key
 * of `zh` must exist in `en` (the type says so), so a missing translation fails the type check.
 * The choice is kept in localStorage and sent to the API as Accept-Language.
 */
import { ref } from 'vue';
import { zh } from './zh';
import { en } from './en';

import type { Locale } from './locale';

export type { Locale };
export type MessageKey = keyof typeof zh;

const STORAGE_KEY = 'onething.locale';
const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zh, en };

const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
export const locale = ref<Locale>(stored === 'en' ? 'en' : 'zh-CN');

export function setLocale(next: Locale): void {
  locale.value = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
}

/** The message for `key`, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = dictionaries[locale.value][key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** The text of an API `{zh, en}` pair in the current language. */
export const pick = (text: { zh: string; en: string } | undefined): string => (text ? (locale.value === 'en' ? text.en : text.zh) : '');
