import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { i18n } from '#i18n';
import { createPackI18n } from '@/components/overlay/overlay-i18n';
import { chromeMessages, shippedLocales, useFakeLocale } from '../../tools/fake-i18n';
import { formatNumber } from './locale';
import { installLocalePack, type LocalePack, readLocalePack, substitute } from './locale-pack';

const packKey = Symbol.for('cuecards.locale-pack');
const scope = globalThis as unknown as Record<symbol, LocalePack | undefined>;

afterEach(() => {
  delete scope[packKey];
  useFakeLocale('en');
});

const namesOf = (locale: (typeof shippedLocales)[number]) => async () =>
  Object.keys(chromeMessages(locale));

describe('the locale pack', () => {
  it('fills in $1 to $9 as the browser does, and leaves other dollars alone', () => {
    expect(substitute('Notes ($1)', ['3'])).toBe('Notes (3)');
    expect(substitute('$2 of $1', ['a', 'b'])).toBe('b of a');
    expect(substitute('Missing $1')).toBe('Missing ');
    expect(substitute('US$ 5')).toBe('US$ 5');
  });

  it('makes the overlay say every message as the browser would, in every language', async () => {
    for (const locale of shippedLocales) {
      useFakeLocale(locale);
      const pack = await readLocalePack(namesOf(locale));
      expect(pack.language).toBe(locale.replace('_', '-'));
      const fromPack = createPackI18n(() => pack);
      // The pack's `t` never asks the browser: each call would be a synchronous round trip.
      let isPackSpeaking = false;
      const asked: string[] = [];
      const getMessage = fakeBrowser.i18n.getMessage;
      fakeBrowser.i18n.getMessage = (name: string, subs?: string | string[]) => {
        if (isPackSpeaking) asked.push(name);
        return getMessage(name, subs);
      };
      for (const [name, { message }] of Object.entries(chromeMessages(locale))) {
        // Both look a key up by its name, dots made underscores.
        const key = name.replaceAll('_', '.');
        const isPlural = message.includes(' | ');
        const t = i18n.t as (key: string, ...args: unknown[]) => string;
        const packT = (key: string, ...args: unknown[]) => {
          isPackSpeaking = true;
          try {
            return (fromPack.t as (key: string, ...args: unknown[]) => string)(key, ...args);
          } finally {
            isPackSpeaking = false;
          }
        };
        expect(packT(key, ['A', 'B', 'C']), `${locale} ${name}`).toBe(t(key, ['A', 'B', 'C']));
        expect(packT(key), `${locale} ${name}`).toBe(t(key));
        if (isPlural) {
          for (const n of [0, 1, 2, 7]) {
            expect(packT(key, n, [String(n)]), `${locale} ${name} ${n}`).toBe(
              t(key, n, [String(n)]),
            );
            expect(packT(key, n), `${locale} ${name} ${n}`).toBe(t(key, n));
          }
        }
      }
      expect(asked).toEqual([]);
      fakeBrowser.i18n.getMessage = getMessage;
    }
  });

  it('asks the browser for a message the pack lacks', async () => {
    const pack = await readLocalePack(async () => []);
    expect(createPackI18n(() => pack).t('overlay.addNote')).toBe('Add note');
  });

  it('writes counts under a thousand in the digits it was given, without Intl', () => {
    installLocalePack({ language: 'en', messages: {}, digits: [...'٠١٢٣٤٥٦٧٨٩'] });
    expect(formatNumber(0)).toBe('٠');
    expect(formatNumber(407)).toBe('٤٠٧');
    // Above that, separators: Intl writes it.
    expect(formatNumber(1234)).toBe('1,234');
    expect(formatNumber(2.5)).toBe('2.5');
    expect(formatNumber(-3)).toBe('-3');
  });

  it('is not used for another language than the one it was made for', () => {
    installLocalePack({ language: 'ar', messages: {}, digits: [...'٠١٢٣٤٥٦٧٨٩'] });
    expect(formatNumber(12)).toBe('12');
  });

  it('writes the digits Intl writes for the language', async () => {
    useFakeLocale('pt_BR');
    const pack = await readLocalePack(async () => []);
    expect(pack.digits.join('')).toBe('0123456789');
    installLocalePack(pack);
    for (const n of [0, 9, 10, 99, 100, 999]) {
      expect(formatNumber(n)).toBe(new Intl.NumberFormat('pt-BR').format(n));
    }
  });
});
