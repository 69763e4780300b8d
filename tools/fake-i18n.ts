import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateChromeMessages, parseMessagesText } from '@wxt-dev/i18n/build';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * The browser's i18n API for unit tests, which the fake browser leaves out: messages come
 * from `locales/<locale>.yml`, built as the extension's build builds them. A Vitest setup
 * file (see vitest.config.ts) installs English before every test file.
 */

export const localesDir = path.resolve(import.meta.dirname, '../locales');

export const shippedLocales = ['en', 'pt_BR'] as const;
export type ShippedLocale = (typeof shippedLocales)[number];

/** The messages of a locale as the browser receives them: `{ area_name: { message } }`. */
export function chromeMessages(locale: ShippedLocale): Record<string, { message: string }> {
  const text = readFileSync(path.join(localesDir, `${locale}.yml`), 'utf8');
  return generateChromeMessages(parseMessagesText(text, 'YAML'));
}

/** Makes getMessage and getUILanguage answer as a browser whose UI is in `locale`. */
export function useFakeLocale(locale: ShippedLocale): void {
  const byName = new Map(
    Object.entries(chromeMessages(locale)).map(([name, { message }]) => [
      name.toLowerCase(),
      message,
    ]),
  );
  // Names are case-insensitive; `$1`…`$9` take the substitutions and `$$` is a dollar sign.
  fakeBrowser.i18n.getMessage = (name: string, substitutions?: string | string[]) => {
    const message = byName.get(name.toLowerCase());
    if (message === undefined) return '';
    const subs = substitutions === undefined ? [] : [substitutions].flat();
    return message.replace(/\$(\$|[1-9])/g, (_, which: string) =>
      which === '$' ? '$' : (subs[Number(which) - 1] ?? ''),
    );
  };
  fakeBrowser.i18n.getUILanguage = () => locale.replace('_', '-');
}

useFakeLocale('en');
