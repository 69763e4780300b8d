// The UI language, and numbers, dates and counts written in it.
import { browser } from 'wxt/browser';
import { type GeneratedI18nStructure, i18n } from '#i18n';
import { localePack } from './locale-pack';

/**
 * The browser's UI language (`pt-BR`), which also picks the messages shown. The browser has
 * no per-extension choice: the viewer changes it in the browser's own language settings.
 */
export function uiLanguage(): string {
  return browser.i18n.getUILanguage();
}

/** A format made once per UI language (a test may switch it; a browser needs a restart to). */
function perLanguage<T>(make: (language: string) => T): () => T {
  let made: { language: string; value: T } | undefined;
  return () => {
    const language = uiLanguage();
    if (made?.language !== language) made = { language, value: make(language) };
    return made.value;
  };
}

const numberFormat = perLanguage((language) => new Intl.NumberFormat(language));
const dateFormat = perLanguage(
  (language) => new Intl.DateTimeFormat(language, { dateStyle: 'medium' }),
);
const shortDateFormat = perLanguage((language) => new Intl.DateTimeFormat(language));

/** `1,234` in English, `1.234` in Portuguese. */
export function formatNumber(n: number): string {
  // A count under a thousand has no separators: in the overlay, the worker's digits write it
  // without the first Intl formatter a page would pay for (see locale-pack.ts).
  const pack = localePack();
  if (pack && pack.language === uiLanguage() && Number.isInteger(n) && n >= 0 && n < 1000) {
    return String(n).replace(/\d/g, (digit) => pack.digits[Number(digit)] ?? digit);
  }
  return numberFormat().format(n);
}

/** `May 14, 2026` in English, `14 de mai. de 2026` in Portuguese. */
export function formatDate(at: number | Date): string {
  return dateFormat().format(at);
}

/** `5/14/2026` in English, `14/05/2026` in Portuguese. */
export function formatShortDate(at: number | Date): string {
  return shortDateFormat().format(at);
}

type Structure = GeneratedI18nStructure;

/** Messages with a singular and a plural form whose one substitution is the count. */
export type CountKey = {
  [K in keyof Structure]: Structure[K] extends { plural: true; substitutions: 1 } ? K : never;
}[keyof Structure];

/** `1 note`, `1,234 notes`: the plural form for `n`, with `n` formatted for the UI language. */
export function count(key: CountKey, n: number): string {
  return i18n.t(key, n, [formatNumber(n)]);
}

/**
 * Titles an extension page and tells assistive technology its language: HTML pages cannot
 * use `__MSG_…__` as the manifest can, so the title comes from the messages here.
 */
export function localizePage(page: Document, title: string): void {
  page.title = title;
  page.documentElement.lang = i18n.t('lang');
}
