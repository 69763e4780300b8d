// Where a JSON text stops being JSON, and what is there: the browsers' own errors say it in
// words of their own (Firefox and Chromium differ) and Chromium's often give no position.

export type JsonDamage = {
  /** 1-based, in UTF-16 units as editors count them. */
  line: number;
  column: number;
  kind: 'endsEarly' | 'trailingComma' | 'smartQuote' | 'unexpected';
  /** The character found, for `unexpected`. */
  found: string;
};

const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const literalPattern = /true|false|null/y;
const escapePattern = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;
const isSpace = (char: string | undefined) =>
  char === ' ' || char === '\t' || char === '\n' || char === '\r';

/**
 * The first place where `text` is not JSON, or undefined when it is. Iterative, so a file
 * nested a million deep is read as any other.
 */
export function findJsonDamage(text: string): JsonDamage | undefined {
  const stack: string[] = [];
  type State = 'value' | 'valueOrEnd' | 'keyOrEnd' | 'key' | 'colon' | 'after' | 'done';
  let state: State = 'value';
  let at = 0;
  const damageAt = (where: number) => damageOf(text, where);
  const close = () => {
    stack.pop();
    at += 1;
    state = stack.length > 0 ? 'after' : 'done';
  };
  const sticky = (pattern: RegExp) => {
    pattern.lastIndex = at;
    return pattern.exec(text)?.[0].length ?? 0;
  };
  /** The end of the string that starts at `at`, or the place where it goes wrong. */
  const stringEnd = (): { end: number } | { damage: number } => {
    let where = at + 1;
    while (where < text.length) {
      const char = text[where]!;
      if (char === '"') return { end: where + 1 };
      if (char === '\\') {
        escapePattern.lastIndex = where;
        const escaped = escapePattern.exec(text);
        if (!escaped) return { damage: where + 1 >= text.length ? text.length : where };
        where += escaped[0].length;
      } else if (char < ' ') {
        return { damage: where };
      } else {
        where += 1;
      }
    }
    return { damage: text.length };
  };

  for (;;) {
    while (isSpace(text[at])) at += 1;
    if (at >= text.length) return state === 'done' ? undefined : damageAt(at);
    const char = text[at]!;
    if (state === 'done') return damageAt(at);
    if (state === 'valueOrEnd' && char === ']') {
      close();
    } else if (state === 'value' || state === 'valueOrEnd') {
      if (char === '{' || char === '[') {
        stack.push(char);
        at += 1;
        state = char === '{' ? 'keyOrEnd' : 'valueOrEnd';
      } else if (char === '"') {
        const string = stringEnd();
        if ('damage' in string) return damageAt(string.damage);
        at = string.end;
        state = stack.length > 0 ? 'after' : 'done';
      } else {
        const length = sticky(numberPattern) || sticky(literalPattern);
        if (length === 0) return damageAt(at);
        at += length;
        state = stack.length > 0 ? 'after' : 'done';
      }
    } else if (state === 'keyOrEnd' && char === '}') {
      close();
    } else if (state === 'key' || state === 'keyOrEnd') {
      if (char !== '"') return damageAt(at);
      const string = stringEnd();
      if ('damage' in string) return damageAt(string.damage);
      at = string.end;
      state = 'colon';
    } else if (state === 'colon') {
      if (char !== ':') return damageAt(at);
      at += 1;
      state = 'value';
    } else {
      const open = stack.at(-1);
      if (char === ',') {
        at += 1;
        state = open === '{' ? 'key' : 'value';
      } else if ((open === '{' && char === '}') || (open === '[' && char === ']')) {
        close();
      } else {
        return damageAt(at);
      }
    }
  }
}

function damageOf(text: string, at: number): JsonDamage {
  const before = text.lastIndexOf('\n', at - 1);
  let line = 1;
  for (let newline = text.indexOf('\n'); newline !== -1 && newline < at; ) {
    line += 1;
    newline = text.indexOf('\n', newline + 1);
  }
  const place = { line, column: at - before };
  if (at >= text.length) return { ...place, kind: 'endsEarly', found: '' };
  const char = String.fromCodePoint(text.codePointAt(at)!);
  if ('“”„‘’‚«»'.includes(char)) return { ...place, kind: 'smartQuote', found: char };
  let previous = at - 1;
  while (isSpace(text[previous])) previous -= 1;
  if ((char === '}' || char === ']') && text[previous] === ',') {
    return { ...place, kind: 'trailingComma', found: char };
  }
  return { ...place, kind: 'unexpected', found: char };
}
