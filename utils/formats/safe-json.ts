// JSON read from outside, size-capped, with the keys that reach a prototype dropped.
import { i18n } from '#i18n';

/** Keys that could reach an object's prototype chain; dropped from every import. */
const poisonedKeys = new Set(['__proto__', 'constructor', 'prototype']);

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** JSON.parse with a size cap that drops prototype-polluting keys on the way in. */
export function parseJsonSafely(text: string, maxBytes: number): Parsed<unknown> {
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
    return { ok: false, error: i18n.t('validation.notJson') };
  }
}
