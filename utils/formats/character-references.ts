// The references HTML (YiNote's notes) and WebVTT (cue text) use; a name not known here is
// left as written rather than guessed.

// A Map, not an object literal: `&constructor;` must not find Object.prototype's.
const namedReferences = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['nbsp', '\u00a0'],
  ['lrm', '\u200e'],
  ['rlm', '\u200f'],
  ['ensp', '\u2002'],
  ['emsp', '\u2003'],
  ['thinsp', '\u2009'],
  ['shy', '\u00ad'],
  ['ndash', '–'],
  ['mdash', '—'],
  ['hellip', '…'],
  ['lsquo', '‘'],
  ['rsquo', '’'],
  ['ldquo', '“'],
  ['rdquo', '”'],
  ['laquo', '«'],
  ['raquo', '»'],
  ['bull', '•'],
  ['middot', '·'],
  ['copy', '©'],
  ['reg', '®'],
  ['trade', '™'],
  ['deg', '°'],
  ['times', '×'],
  ['divide', '÷'],
  ['euro', '€'],
  ['pound', '£'],
  ['cent', '¢'],
  ['yen', '¥'],
  ['sect', '§'],
  ['para', '¶'],
]);

/** Decodes numeric and common named character references; anything else stays as written. */
export function decodeCharacterReferences(text: string): string {
  return text.replace(
    /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));/g,
    (reference, decimal?: string, hex?: string, name?: string) => {
      if (name !== undefined) return namedReferences.get(name) ?? reference;
      const codePoint = decimal !== undefined ? Number(decimal) : Number.parseInt(hex!, 16);
      const isScalar =
        codePoint > 0 && codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff);
      return isScalar ? String.fromCodePoint(codePoint) : '\ufffd';
    },
  );
}
