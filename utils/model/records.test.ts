import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { useFakeLocale } from '../../tools/fake-i18n';
import { CardInputSchema, CardRecordSchema, describeIssue, NoteInputSchema } from './records';
import { cardProblem, noteTextProblem } from './rule-sentences';

const card = {
  id: '01890a5d-ac96-774b-bcce-b302099a8201',
  videoKey: 'yt:dQw4w9WgXcQ',
  start: 20,
  end: 26,
  title: 'Training Montage',
  text: 'By Vince DiCola',
  link: 'https://en.wikipedia.org/wiki/Vince_DiCola',
  kind: 'music' as const,
  createdAt: 1,
  updatedAt: 1,
};
const note = {
  id: '01890a5d-ac96-774b-bcce-b302099a8301',
  videoKey: 'yt:dQw4w9WgXcQ',
  t: 83,
  text: 'Drago lifts #training',
  createdAt: 1,
  updatedAt: 1,
};

const refusal = (schema: v.GenericSchema, value: unknown) => {
  const parsed = v.safeParse(schema, value);
  return parsed.success ? undefined : describeIssue(parsed.issues);
};

describe('a card’s rules', () => {
  it.each([
    [{ end: 10 }, 'The card must end after it starts.', 'end: must be after the start'],
    [{ end: 621 }, 'A card lasts at most 10 minutes.', 'end: a card lasts at most 10 minutes'],
    [
      { title: ' ', text: '' },
      'Give the card a title or a text.',
      'text: a card needs a title or a text',
    ],
    [
      { title: 'x'.repeat(201) },
      'The title is over 200 characters.',
      'title: is longer than 200 characters',
    ],
    [
      { text: 'x'.repeat(2_001) },
      'The text is over 2,000 characters.',
      'text: is longer than 2000 characters',
    ],
    [
      { link: 'javascript:alert(1)' },
      'The link must start with http:// or https://.',
      'link: must be an http(s) URL',
    ],
  ])('tells the editor and an import the same rule: %o', (change, sentence, issue) => {
    expect(cardProblem({ ...card, ...change })).toBe(sentence);
    expect(refusal(CardInputSchema, { ...card, ...change })).toBe(issue);
    expect(refusal(CardRecordSchema, { ...card, ...change, deckId: card.id, deleted: true })).toBe(
      issue,
    );
  });

  it('lets the editor save exactly the cards a request or an import accepts', () => {
    const times = fc.double({ min: 0, max: 2_000, noNaN: true });
    const words = fc.oneof(fc.constant(''), fc.constant(' '), fc.string({ maxLength: 4 }));
    const link = fc.option(
      fc.constantFrom(
        'https://en.wikipedia.org/wiki/Vince_DiCola',
        'HTTP://example.com/a?b#c',
        'javascript:alert(1)',
        'ftp://a.example',
        'https://',
        `https://example.com/${'x'.repeat(4_100)}`,
      ),
      { nil: undefined },
    );
    fc.assert(
      fc.property(times, times, words, words, link, (start, end, title, text, maybeLink) => {
        const draft = { ...card, start, end, title, text, link: maybeLink };
        if (maybeLink === undefined) delete draft.link;
        expect(cardProblem(draft) === undefined).toBe(v.is(CardInputSchema, draft));
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('a note’s rules', () => {
  it('tells the editor and an import the same rule', () => {
    expect(noteTextProblem(' \n ')).toBe(
      'Empty notes are not saved. Type something, or press Esc.',
    );
    expect(refusal(NoteInputSchema, { ...note, text: ' \n ' })).toBe('text: is empty');
    expect(noteTextProblem('x'.repeat(20_001))).toBe(
      'This note has 20,001 characters; the limit is 20,000.',
    );
    expect(refusal(NoteInputSchema, { ...note, text: 'x'.repeat(20_001) })).toBe(
      'text: is longer than 20000 characters',
    );
    expect(noteTextProblem(note.text)).toBeUndefined();
    expect(refusal(NoteInputSchema, note)).toBeUndefined();
  });

  it('says it in the UI language', () => {
    useFakeLocale('pt_BR');
    try {
      expect(noteTextProblem('x'.repeat(20_001))).toBe(
        'Esta nota tem 20.001 caracteres; o limite é 20.000.',
      );
      expect(cardProblem({ ...card, end: 10 })).toBe(
        'O cartão precisa terminar depois de começar.',
      );
    } finally {
      useFakeLocale('en');
    }
  });
});

describe('a time from outside', () => {
  const day = 24 * 60 * 60 * 1000;

  it('is kept up to a day ahead of this device’s clock, for clocks that drift', () => {
    const soon = Date.now() + day - 60_000;
    expect(v.safeParse(NoteInputSchema, { ...note, updatedAt: soon }).success).toBe(true);
    expect(
      v.safeParse(CardRecordSchema, {
        ...card,
        deckId: card.id,
        deleted: false,
        createdAt: soon,
        updatedAt: soon,
      }).success,
    ).toBe(true);
  });

  it.each([
    ['a day and a minute ahead', () => Date.now() + day + 60_000],
    ['in the year 275760', () => 8.64e15],
  ])('is refused %s, so it cannot make every later edit look older', (_, at) => {
    expect(refusal(NoteInputSchema, { ...note, updatedAt: at() })).toBe(
      'updatedAt: is more than a day in the future',
    );
    expect(refusal(NoteInputSchema, { ...note, createdAt: at() })).toBe(
      'createdAt: is more than a day in the future',
    );
  });
});
