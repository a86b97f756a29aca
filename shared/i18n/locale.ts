/**
 * `Accept-Language` (RFC 9110 §12.5.4) to one of the platform's locales. Any `zh` tag
 * (zh, zh-CN, zh-Hans, zh-TW, ...) gets the simplified Chinese texts, the only Chinese ones
 * there are; any `en` tag gets English; `*` or nothing acceptable gets the default, English.
 */
import { DEFAULT_LOCALE, LOCALES, type Locale } from './text';

interface Range {
  tag: string;
  q: number;
  order: number;
}

/** The ranges of the header, highest weight first (ties keep the header's order); malformed ones are skipped. */
function ranges(header: string): Range[] {
  const out: Range[] = [];
  header.split(',').forEach((part, order) => {
    const [rawTag = '', ...rawParams] = part.split(';').map((s) => s.trim());
    const tag = rawTag.toLowerCase();
    if (!/^(\*|[a-z]{1,8}(-[a-z0-9]{1,8})*)$/.test(tag)) return;
    let q = 1;
    for (const param of rawParams) {
      const m = /^q\s*=\s*(0(\.\d{0,3})?|1(\.0{0,3})?)$/i.exec(param);
      if (m) q = Number(m[1]);
      else if (/^q\s*=/i.test(param)) return; // a weight that is no qvalue: ignore the range
    }
    out.push({ tag, q, order });
  });
  return out.sort((a, b) => b.q - a.q || a.order - b.order);
}

function localeOfTag(tag: string): Locale | undefined {
  const primary = tag.split('-')[0];
  if (primary === 'zh') return 'zh-CN';
  if (primary === 'en') return 'en';
  return undefined;
}

/**
 * The locale a client prefers, or `en`. `q=0` means "not this one".
 *
 * @example negotiateLocale('en;q=0.5, zh-CN') // 'zh-CN'
 * @example negotiateLocale('fr, zh;q=0.8, en;q=0.7') // 'zh-CN'
 */
export function negotiateLocale(header: string | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const refused = new Set<Locale>();
  const all = ranges(header);
  for (const { tag, q } of all) {
    const locale = localeOfTag(tag);
    if (q === 0 && locale) refused.add(locale);
  }
  for (const { tag, q } of all) {
    if (q === 0) continue;
    // `*` stands for any language not named otherwise: the default unless it was refused.
    const locale = tag === '*' ? LOCALES.find((l) => !refused.has(l)) : localeOfTag(tag);
    if (locale && !refused.has(locale)) return locale;
  }
  return DEFAULT_LOCALE;
}
