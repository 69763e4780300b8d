import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SUPPORTED_LOCALES } from '@wxt-dev/i18n/build';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '#i18n';
import { chromeMessages, localesDir, shippedLocales, useFakeLocale } from '../../tools/fake-i18n';
import { count, formatDate, formatNumber } from './locale';

const messages = Object.fromEntries(
  shippedLocales.map((locale) => [locale, chromeMessages(locale)]),
) as Record<(typeof shippedLocales)[number], Record<string, { message: string }>>;

/** `$1`…`$9` and `{name}`, the parts of a message the code fills in. */
const placeholders = (message: string) =>
  [...new Set(message.match(/(?<!\$)\$[1-9]|\{[A-Za-z0-9_]+\}/g) ?? [])].sort();

describe('the locale files', () => {
  it('ship one file per locale, each a locale the browsers know', () => {
    const files = readdirSync(localesDir).filter((name) => name.endsWith('.yml'));
    expect(files.sort()).toEqual(shippedLocales.map((locale) => `${locale}.yml`));
    for (const locale of shippedLocales) expect(SUPPORTED_LOCALES.has(locale), locale).toBe(true);
  });

  it('have the same keys in every language', () => {
    const english = Object.keys(messages.en).sort();
    for (const locale of shippedLocales) {
      expect(Object.keys(messages[locale]).sort(), locale).toEqual(english);
    }
  });

  it('fill in the same placeholders in every language', () => {
    for (const [name, { message }] of Object.entries(messages.en)) {
      for (const locale of shippedLocales) {
        const translated = messages[locale][name]?.message ?? '';
        expect(placeholders(translated), `${locale}: ${name}`).toEqual(placeholders(message));
      }
    }
  });

  it('give every message a text, and plurals as many forms in every language', () => {
    const forms = (message: string) => message.split(' | ').length;
    for (const [name, { message }] of Object.entries(messages.en)) {
      for (const locale of shippedLocales) {
        const translated = messages[locale][name]?.message ?? '';
        expect(translated, `${locale}: ${name} is empty`).not.toBe('');
        expect(forms(translated), `${locale}: ${name}`).toBe(forms(message));
      }
    }
  });

  it('name messages as the browser can tell apart: letters, digits and _, in any case', () => {
    const names = Object.keys(messages.en);
    for (const name of names) expect(name).toMatch(/^[A-Za-z0-9_]+$/);
    const folded = new Set(names.map((name) => name.toLowerCase()));
    expect(folded.size).toBe(names.length);
  });

  it('hold no message the code never asks for', () => {
    const root = path.resolve(localesDir, '..');
    const sources = ['components', 'entrypoints', 'utils']
      .flatMap((dir) =>
        readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
          .filter((file) => /\.(tsx?|html)$/.test(file) && !/\.test\.ts$/.test(file))
          .map((file) => path.join(root, dir, file)),
      )
      .concat(path.join(root, 'wxt.config.ts'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const unused = Object.keys(messages.en).filter((name) => {
      const key = name.replaceAll('_', '.');
      const [area] = key.split('.');
      // Card kinds are looked up as `kind.${kind}`; the manifest names messages `__MSG_…__`.
      if (area === 'kind') return !sources.includes('`kind.${');
      return !sources.includes(`'${key}'`) && !sources.includes(`__MSG_${name}__`);
    });
    expect(unused).toEqual([]);
  });
});

describe('counts, numbers and dates', () => {
  afterEach(() => useFakeLocale('en'));

  it('take the plural form and the digits of the UI language', () => {
    expect(count('count.notes', 1)).toBe('1 note');
    expect(count('count.notes', 0)).toBe('0 notes');
    expect(count('count.notes', 1234)).toBe('1,234 notes');
    useFakeLocale('pt_BR');
    expect(count('count.notes', 1)).toBe('1 nota');
    expect(count('count.cards', 2)).toBe('2 cartões');
    expect(count('count.notes', 1234)).toBe('1.234 notas');
    expect(count('videos.exported', 1)).toBe('1 vídeo exportado como Markdown.');
    expect(count('videos.exported', 3)).toBe('3 vídeos exportados como Markdown.');
  });

  it('fill sentences in the UI language', () => {
    const sentence = () =>
      i18n.t('transfer.imported', [count('count.notes', 1), count('count.cards', 10)]);
    expect(sentence()).toBe('Imported 1 note and 10 cards.');
    useFakeLocale('pt_BR');
    expect(sentence()).toBe('Importados: 1 nota e 10 cartões.');
  });

  it('format numbers and dates for the UI language', () => {
    const may14 = new Date(2026, 4, 14);
    expect(formatNumber(20_000)).toBe('20,000');
    expect(formatDate(may14)).toBe('May 14, 2026');
    useFakeLocale('pt_BR');
    expect(formatNumber(20_000)).toBe('20.000');
    expect(formatDate(may14)).toBe('14 de mai. de 2026');
  });
});
