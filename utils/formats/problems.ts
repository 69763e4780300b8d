// Why an imported file is refused, in plain words: the record and field at fault, the problem,
// and what was found, quoted short.
import type * as v from 'valibot';
import { i18n } from '#i18n';

const maxQuoted = 40;

/** A value found in a file, as a message quotes it: cut short, on one line. */
export function quoted(value: string): string {
  const oneLine = value.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ');
  const chars = Array.from(oneLine);
  return chars.length > maxQuoted ? `${chars.slice(0, maxQuoted - 1).join('')}…` : oneLine;
}

/** Valibot's `received` (`"abc"`, `5`, `undefined`), cut short with its quotes kept. */
function receivedValue(received: string): string {
  const isString = received.length >= 2 && received.startsWith('"') && received.endsWith('"');
  return isString ? `"${quoted(received.slice(1, -1))}"` : quoted(received);
}

// The tables and lists of our formats and YiNote's, and what one item of each is called.
const itemNames: Record<string, (n: string) => string> = {
  videos: (n) => i18n.t('place.video', [n]),
  notes: (n) => i18n.t('place.note', [n]),
  cards: (n) => i18n.t('place.card', [n]),
  decks: (n) => i18n.t('place.deck', [n]),
  data: (n) => i18n.t('place.page', [n]),
  body: (n) => i18n.t('place.body', [n]),
  items: (n) => i18n.t('place.item', [n]),
};

/**
 * The place of an issue in plain words: `card 4, link` for `cards.3.link`, each item counted
 * from 1, each name found in the file cut short.
 */
export function placeOf(path: readonly (string | number)[]): string {
  const parts: string[] = [];
  let field: string[] = [];
  const endField = () => {
    if (field.length > 0) parts.push(field.join('.'));
    field = [];
  };
  for (let at = 0; at < path.length; at++) {
    const name = String(path[at]);
    const next = path[at + 1];
    const item = itemNames[name];
    if (item && next !== undefined && isIndex(next)) {
      endField();
      parts.push(item(String(Number(next) + 1)));
      at += 1;
    } else if (isIndex(name)) {
      endField();
      parts.push(i18n.t('place.item', [String(Number(name) + 1)]));
    } else {
      field.push(quoted(name));
    }
  }
  endField();
  return parts.join(', ');
}

const isIndex = (key: string | number) => typeof key === 'number' || /^\d+$/.test(key);

const typeNames: Record<string, () => string> = {
  string: () => i18n.t('problem.type.text'),
  number: () => i18n.t('problem.type.number'),
  boolean: () => i18n.t('problem.type.boolean'),
  Array: () => i18n.t('problem.type.list'),
  Object: () => i18n.t('problem.type.object'),
};

/** The problem of one issue in plain words, with what was found quoted short. */
export function problemOf(issue: v.BaseIssue<unknown>): string {
  const { expected, received } = issue;
  const found = receivedValue(received);
  // Our own messages (`must be an http(s) URL`) are plain already; valibot's start `Invalid`.
  if (!issue.message.startsWith('Invalid ')) {
    return issue.type === 'literal'
      ? i18n.t('problem.instead', [issue.message, found])
      : issue.message;
  }
  if (issue.type === 'strict_object' && expected === 'never') return i18n.t('problem.unknownField');
  if (received === 'undefined') return i18n.t('validation.missing');
  const bound = /^([<>]=?)(.+)$/.exec(expected ?? '');
  if (bound) {
    const [, sign, limit] = bound;
    const key = sign!.startsWith('>') ? 'problem.atLeast' : 'problem.atMost';
    return i18n.t(key, [quoted(limit!), found]);
  }
  if (issue.kind === 'schema' && expected) {
    const type = typeNames[expected]?.() ?? receivedValue(expected);
    return i18n.t('problem.mustBe', [type, found]);
  }
  return i18n.t('problem.notValid', [found]);
}

/** The first issue valibot found, as `place: problem`. */
export function describeFileIssue(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return i18n.t('validation.invalid');
  const place = placeOf(issue.path?.map((item) => item.key as string | number) ?? []);
  const problem = problemOf(issue);
  return place ? `${place}: ${problem}` : problem;
}
