// What the editors say of each rule of records.ts a draft breaks. Apart from the rules so that
// the overlay, which checks every record it is sent but edits none, does not download these.
import { i18n } from '#i18n';
import { formatNumber } from './locale';
import { type CardShape, cardRules, limits, noteTextRules, type Rule } from './records';

/** A sentence for each rule of a table, under the rule's own name: none can be left out. */
type Sentences<Rules> = {
  [Name in keyof Rules]: Rules[Name] extends Rule<infer T> ? (value: T) => string : never;
};

const noteTextSentences: Sentences<typeof noteTextRules> = {
  hasWords: () => i18n.t('note.empty'),
  fits: (text) =>
    i18n.t('note.tooLong', [formatNumber(text.length), formatNumber(limits.noteText)]),
};

/** The viewer typing a card is told of the rules it breaks with these. */
export const cardSentences: Sentences<typeof cardRules> = {
  hasWords: () => i18n.t('editor.needsWords'),
  endsAfterStart: () => i18n.t('editor.endBeforeStart'),
  isShort: () => i18n.t('editor.tooLongCard'),
  titleFits: () => i18n.t('editor.titleTooLong', [formatNumber(limits.cardTitle)]),
  textFits: () => i18n.t('editor.textTooLong', [formatNumber(limits.cardText)]),
  linkIsWeb: () => i18n.t('editor.badLink'),
};

/** The sentence of the first rule, in the table's order, that the value breaks. */
function brokenRuleSentence<T>(
  rules: Record<string, Rule<T>>,
  sentences: Record<string, (value: T) => string>,
  value: T,
): string | undefined {
  const broken = Object.keys(rules).find((name) => !rules[name]!.isKept(value));
  return broken === undefined ? undefined : sentences[broken]!(value);
}

/** Why this text cannot be saved as a note, as a sentence; undefined when it can. */
export function noteTextProblem(text: string): string | undefined {
  return brokenRuleSentence(noteTextRules, noteTextSentences, text);
}

/** Why this card cannot be saved, as a sentence for its editor; undefined when it can. */
export function cardProblem(card: CardShape): string | undefined {
  return brokenRuleSentence<CardShape>(cardRules, cardSentences, card);
}
