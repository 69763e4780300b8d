// JSON read from outside, size-capped, with the keys that reach a prototype dropped.
import { i18n } from '#i18n';
import { findJsonDamage } from './json-damage';

/** Keys that could reach an object's prototype chain; dropped from every import. */
const poisonedKeys = new Set(['__proto__', 'constructor', 'prototype']);

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * JSON.parse with a size cap, checked before anything is parsed, that drops
 * prototype-polluting keys on the way in. `kind` names the file in the message on damaged JSON.
 */
export function parseJsonSafely(
  text: string,
  maxBytes: number,
  kind: string = i18n.t('fileKind.file'),
): Parsed<unknown> {
  if (text.length > maxBytes) {
    const megabytes = String(Math.round(maxBytes / 1_000_000));
    return { ok: false, error: i18n.t('validation.fileTooLarge', [megabytes]) };
  }
  try {
    const value: unknown = JSON.parse(text, (key, item) =>
      poisonedKeys.has(key) ? undefined : item,
    );
    return { ok: true, value };
  } catch {
    return { ok: false, error: damagedJsonMessage(text, kind) };
  }
}

const damageWords = {
  endsEarly: () => i18n.t('json.endsEarly'),
  trailingComma: () => i18n.t('json.trailingComma'),
  smartQuote: () => i18n.t('json.smartQuote'),
  unexpected: (found: string) => i18n.t('json.unexpected', [found]),
};

/** A character found as a message shows it: a control character by its code point. */
const shownCharacter = (char: string) =>
  /\p{Cc}/u.test(char)
    ? `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
    : char;

/** Where and how a text that JSON.parse refused stops being JSON, in plain words. */
export function damagedJsonMessage(text: string, kind: string): string {
  const damage = findJsonDamage(text);
  if (!damage) return i18n.t('validation.notJson');
  const what = damageWords[damage.kind](shownCharacter(damage.found));
  return i18n.t('json.damaged', [kind, String(damage.line), String(damage.column), what]);
}
