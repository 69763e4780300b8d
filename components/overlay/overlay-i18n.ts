// `#i18n` in the overlay's build (see wxt.config.ts): the same `t` as @wxt-dev/i18n's, reading
// the messages the worker handed over with the script (utils/model/locale-pack.ts) instead
// of asking the browser synchronously; a message missing from them is asked for after all.
import { browser } from 'wxt/browser';
import type { GeneratedI18nStructure } from '../../.wxt/i18n/structure';
import { type LocalePack, localePack, substitute } from '../../utils/model/locale-pack';

export type { GeneratedI18nStructure };

type Key = keyof GeneratedI18nStructure;
type Argument = number | readonly (string | number)[] | undefined;

/** `t` as @wxt-dev/i18n has it, over `pack` (the frame's own, by default). */
export function createPackI18n(pack: () => LocalePack | undefined = localePack) {
  function message(name: string, substitutions: string[]): string {
    const template = pack()?.messages[name];
    if (template !== undefined) return substitute(template, substitutions);
    // Typed for the browser's own names only (`@@ui_locale`); ours are the generated ones.
    const getMessage = browser.i18n.getMessage as (name: string, subs?: string[]) => string;
    return substitutions.length > 0 ? getMessage(name, substitutions) : getMessage(name);
  }

  function t(key: Key, ...args: Argument[]): string {
    let substitutions: string[] | undefined;
    let count: number | undefined;
    for (const arg of args) {
      if (typeof arg === 'number') count = arg;
      else if (Array.isArray(arg)) substitutions = arg.map(String);
    }
    if (count !== undefined && substitutions === undefined) substitutions = [String(count)];
    let text = message(key.replaceAll('.', '_'), substitutions ?? []);
    if (count !== undefined) {
      const forms = text.split(' | ');
      if (forms.length === 2) text = forms[count === 1 ? 0 : 1]!;
      else if (forms.length === 3) text = forms[count === 0 || count === 1 ? count : 2]!;
      else text = forms[0]!;
    }
    return text;
  }

  return {
    t: t as ReturnType<typeof import('@wxt-dev/i18n').createI18n<GeneratedI18nStructure>>['t'],
  };
}

export const i18n = createPackI18n();
