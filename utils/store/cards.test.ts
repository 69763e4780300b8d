import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CardInput, CardInputSchema, describeIssue, type VideoInfo } from '../model/records';
import {
  type CuecardsDatabase,
  cardsOfVideo,
  decksOfVideo,
  openDatabase,
  putCard,
  setCardDeleted,
  updateDeck,
} from './database';

const video: VideoInfo = {
  key: 'url:http://127.0.0.1/blog.html#0badf00d',
  provider: 'web',
  title: 'Rocky training in Russia',
  url: 'http://127.0.0.1/blog.html',
};

function card(overrides: Partial<CardInput> = {}): CardInput {
  return {
    id: '01890a5d-ac96-774b-bcce-b302099a8101',
    videoKey: video.key,
    start: 10,
    end: 18,
    title: 'Wyoming doubled for Russia',
    text: 'The farm was in Jackson Hole.',
    kind: 'place',
    createdAt: 1_000,
    updatedAt: 1_000,
    ...overrides,
  };
}

const problem = (input: unknown) => {
  const parsed = v.safeParse(CardInputSchema, input);
  return parsed.success ? undefined : describeIssue(parsed.issues);
};

describe('card validation', () => {
  it('accepts a well-formed card', () => {
    expect(problem(card({ link: 'https://en.wikipedia.org/wiki/Rocky_IV' }))).toBeUndefined();
  });

  it.each([
    ['an end before the start', card({ start: 20, end: 20 }), 'end: must be after the start'],
    ['a card longer than ten minutes', card({ end: 700 }), 'end: a card lasts at most 10 minutes'],
    [
      'a card with no words',
      card({ title: ' ', text: '' }),
      'text: a card needs a title or a text',
    ],
    ['a javascript: link', card({ link: 'javascript:alert(1)' }), 'link: must be an http(s) URL'],
    ['a data: source', card({ source: 'data:text/html,x' }), 'source: must be an http(s) URL'],
    [
      'an unknown kind',
      { ...card(), kind: 'rumour' },
      'kind: must be one of fact, music, place, person, quote',
    ],
    ['a long title', card({ title: 'x'.repeat(201) }), 'title: is longer than 200 characters'],
    ['a long text', card({ text: 'x'.repeat(2_001) }), 'text: is longer than 2000 characters'],
    ['an extra key', { ...card(), deckId: 'x' }, expect.stringContaining('deckId')],
  ])('rejects %s', (_, input, message) => {
    expect(problem(input)).toEqual(message);
  });
});

let db: CuecardsDatabase;
beforeEach(async () => {
  db = openDatabase(`cards-${crypto.randomUUID()}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

describe('cards and decks in the store', () => {
  it('puts a new card in the viewer’s own deck of the video, made once', async () => {
    await putCard(db, card(), video);
    await putCard(db, card({ id: '01890a5d-ac96-774b-bcce-b302099a8102', start: 30, end: 38 }));
    const decks = await decksOfVideo(db, video.key);
    expect(decks).toHaveLength(1);
    expect(decks[0]).toMatchObject({
      deck: { title: 'My cards', origin: { kind: 'own' } },
      cardCount: 2,
    });
    expect((await cardsOfVideo(db, video.key)).map((c) => c.start)).toEqual([10, 30]);
  });

  it('keeps a card’s deck when it is edited and ignores older writes', async () => {
    await putCard(db, card(), video);
    await putCard(db, card({ title: 'Edited', updatedAt: 3_000 }));
    expect(await putCard(db, card({ title: 'Stale', updatedAt: 2_000 }))).toBe('ignored');
    const [stored] = await cardsOfVideo(db, video.key);
    expect(stored?.title).toBe('Edited');
    expect((await decksOfVideo(db, video.key))[0]?.cardCount).toBe(1);
  });

  it('hides the cards of a deck turned off, and of a deleted deck until undo', async () => {
    await putCard(db, card(), video);
    const [summary] = await decksOfVideo(db, video.key);
    const deckId = summary!.deck.id;
    await updateDeck(db, deckId, { enabled: false }, 2_000);
    expect(await cardsOfVideo(db, video.key, true)).toEqual([]);
    expect(await cardsOfVideo(db, video.key)).toHaveLength(1);
    await updateDeck(db, deckId, { enabled: true, deleted: true }, 3_000);
    expect(await cardsOfVideo(db, video.key, true)).toEqual([]);
    expect(await decksOfVideo(db, video.key)).toEqual([]);
    await updateDeck(db, deckId, { deleted: false }, 4_000);
    expect(await cardsOfVideo(db, video.key, true)).toHaveLength(1);
  });

  it('deletes a card with a tombstone that undo brings back', async () => {
    await putCard(db, card(), video);
    await setCardDeleted(db, card().id, true, 2_000);
    expect(await cardsOfVideo(db, video.key)).toEqual([]);
    expect((await decksOfVideo(db, video.key))[0]?.cardCount).toBe(0);
    await setCardDeleted(db, card().id, false, 3_000);
    expect(await cardsOfVideo(db, video.key)).toHaveLength(1);
  });

  it('renames a deck', async () => {
    await putCard(db, card(), video);
    const [summary] = await decksOfVideo(db, video.key);
    await updateDeck(db, summary!.deck.id, { title: 'Rocky IV trivia' }, 2_000);
    expect((await decksOfVideo(db, video.key))[0]?.deck.title).toBe('Rocky IV trivia');
  });
});
