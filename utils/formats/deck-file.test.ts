import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useFakeLocale } from '../../tools/fake-i18n';
import { importDeck } from '../store/bulk';
import { type CuecardsDatabase, cardsOfVideo, decksOfVideo, openDatabase } from '../store/database';
import { type DeckFile, deckFileFrom, parseDeckFile, serializeDeckFile } from './deck-file';

const file: DeckFile = {
  format: 'cuecards-deck',
  version: 1,
  video: {
    key: 'yt:dQw4w9WgXcQ',
    provider: 'youtube',
    title: 'Rocky IV training montage',
    url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
  },
  deck: {
    id: '01890a5d-ac96-774b-bcce-b302099a8200',
    title: 'Rocky IV trivia',
    author: 'High Eighties',
    description: '',
    createdAt: 1,
    updatedAt: 1,
  },
  cards: [
    {
      id: '01890a5d-ac96-774b-bcce-b302099a8201',
      start: 2,
      end: 8,
      title: 'Wyoming doubled for the Soviet Union',
      text: '',
      kind: 'place',
      createdAt: 1,
      updatedAt: 1,
    },
    {
      id: '01890a5d-ac96-774b-bcce-b302099a8202',
      start: 20,
      end: 26,
      title: 'Training Montage',
      text: 'By Vince DiCola',
      kind: 'music',
      link: 'https://en.wikipedia.org/wiki/Vince_DiCola',
      createdAt: 1,
      updatedAt: 1,
    },
  ],
};
const text = JSON.stringify(file);
const withCard = (index: number, change: object) =>
  JSON.stringify({
    ...file,
    cards: file.cards.map((card, i) => (i === index ? { ...card, ...change } : card)),
  });

describe('parseDeckFile', () => {
  it('accepts a valid deck file', () => {
    expect(parseDeckFile(text)).toEqual({ ok: true, value: file });
  });

  it.each([
    [
      'not JSON',
      '{',
      'This deck file is damaged: it stops being valid JSON at line 1, column 2, where it ends too early (is it cut short?).',
    ],
    [
      'another format',
      JSON.stringify({ ...file, format: 'yinote' }),
      'This deck file is not valid: format: must be "cuecards-deck", not "yinote"',
    ],
    [
      'a newer version',
      JSON.stringify({ ...file, version: 2 }),
      'This deck file is not valid: version: must be 1, not 2',
    ],
    [
      'a card ending before it starts',
      withCard(1, { end: 10 }),
      'This deck file is not valid: card 2: end: must be after the start',
    ],
    [
      'a card longer than 10 minutes',
      withCard(0, { start: 2, end: 603 }),
      'This deck file is not valid: card 1: end: a card lasts at most 10 minutes',
    ],
    [
      'a card with neither title nor text',
      withCard(0, { title: '', text: ' ' }),
      'This deck file is not valid: card 1: text: a card needs a title or a text',
    ],
    [
      'an ftp: link',
      withCard(1, { link: 'ftp://example.com/a' }),
      'This deck file is not valid: card 2, link: must be an http(s) URL',
    ],
    [
      'a card ending at a negative time',
      withCard(0, { end: -1 }),
      'This deck file is not valid: card 1, end: must be at least 0, not -1',
    ],
    [
      'a javascript: link',
      withCard(0, { link: 'javascript:alert(1)' }),
      'This deck file is not valid: card 1, link: must be an http(s) URL',
    ],
    [
      'an unknown key',
      withCard(0, { onclick: 'x' }),
      'This deck file is not valid: card 1, onclick: is not a field Cuecards knows',
    ],
    [
      'a repeated card id',
      JSON.stringify({ ...file, cards: [file.cards[0], file.cards[0]] }),
      'This deck file is not valid: cards: repeat a card id',
    ],
    ['a file over 2 MB', `${text}${' '.repeat(2_000_001)}`, 'The file is over 2 MB.'],
  ])('rejects %s and says why', (_, input, error) => {
    expect(parseDeckFile(input)).toEqual({ ok: false, error });
  });

  it('says why in the UI language, with the field names as the file has them', () => {
    useFakeLocale('pt_BR');
    try {
      expect(parseDeckFile(withCard(1, { end: 10 }))).toEqual({
        ok: false,
        error: 'Este arquivo de baralho não é válido: cartão 2: end: deve vir depois do início',
      });
      expect(parseDeckFile(withCard(0, { start: -1 }))).toEqual({
        ok: false,
        error:
          'Este arquivo de baralho não é válido: cartão 1, start: deve ser no mínimo 0, não -1',
      });
      expect(parseDeckFile('{')).toEqual({
        ok: false,
        error:
          'Arquivo danificado (arquivo de baralho): deixa de ser JSON válido na linha 1, coluna 2, onde termina antes da hora (foi cortado?).',
      });
    } finally {
      useFakeLocale('en');
    }
  });

  it('reads -0 as 0, so what it accepts round-trips', () => {
    const parsed = parseDeckFile(withCard(0, { start: -0 }));
    expect(parsed.ok && Object.is(parsed.value.cards[0]?.start, 0)).toBe(true);
  });

  it('drops __proto__ keys without touching Object.prototype', () => {
    const poisoned = text.replace('"format"', '"__proto__": { "polluted": true }, "format"');
    expect(parseDeckFile(poisoned).ok).toBe(true);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('never throws on mutated input, and what it accepts round-trips', () => {
    fc.assert(
      fc.property(fc.nat(text.length - 1), fc.string({ maxLength: 8 }), (at, insert) => {
        const mutated = text.slice(0, at) + insert + text.slice(at + 1);
        const parsed = parseDeckFile(mutated);
        if (parsed.ok) expect(parseDeckFile(JSON.stringify(parsed.value))).toEqual(parsed);
        expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
      }),
      { numRuns: 2_000 },
    );
  });
});

let db: CuecardsDatabase;
beforeEach(async () => {
  db = openDatabase(`deck-${crypto.randomUUID()}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

describe('importDeck', () => {
  it('imports a deck once: a second import adds nothing', async () => {
    const parsed = parseDeckFile(text);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(await importDeck(db, parsed.value, 'file')).toMatchObject({ cardsWritten: 2 });
    expect(await importDeck(db, parsed.value, 'file')).toMatchObject({ cardsWritten: 0 });
    const decks = await decksOfVideo(db, file.video.key);
    expect(decks).toHaveLength(1);
    expect(decks[0]).toMatchObject({
      cardCount: 2,
      deck: { title: 'Rocky IV trivia', origin: { kind: 'imported', from: 'file' }, enabled: true },
    });
    expect((await cardsOfVideo(db, file.video.key, true)).map((card) => card.start)).toEqual([
      2, 20,
    ]);
  });

  it('round-trips through serializeDeckFile', async () => {
    const parsed = parseDeckFile(text);
    if (!parsed.ok) throw new Error(parsed.error);
    await importDeck(db, parsed.value, 'file');
    const [summary] = await decksOfVideo(db, file.video.key);
    const cards = await cardsOfVideo(db, file.video.key);
    const again = parseDeckFile(serializeDeckFile(deckFileFrom(file.video, summary!.deck, cards)));
    expect(again).toEqual({ ok: true, value: file });
  });
});
