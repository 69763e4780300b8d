import { describe, expect, it } from 'vitest';
import type { CardRecord, NoteRecord } from '@/utils/model/records';
import {
  composerTarget,
  isNewRequest,
  newComposerToken,
  requestFromPush,
} from './composer-request';

const note: NoteRecord = {
  id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  videoKey: 'yt:dQw4w9WgXcQ',
  t: 42,
  text: 'The chorus',
  tags: [],
  createdAt: 1,
  updatedAt: 1,
  deleted: false,
};

const card: CardRecord = {
  id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c',
  deckId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d',
  videoKey: 'yt:dQw4w9WgXcQ',
  start: 10,
  end: 20,
  title: 'Filmed in London',
  text: '',
  kind: 'place',
  createdAt: 1,
  updatedAt: 1,
  deleted: false,
};

describe('composerTarget', () => {
  it('opens a new note or card at the moment the viewer asked', () => {
    expect(composerTarget({ kind: 'note' }, 83.5)).toEqual({ kind: 'note', t: 83.5 });
    expect(composerTarget({ kind: 'card' }, 83.5)).toEqual({ kind: 'card', t: 83.5 });
  });

  it('opens an existing note or card at its own time, whatever the video shows now', () => {
    expect(composerTarget({ kind: 'note', note }, 300)).toEqual({
      kind: 'note',
      t: 42,
      noteId: note.id,
    });
    expect(composerTarget({ kind: 'card', card }, 300)).toEqual({
      kind: 'card',
      t: 10,
      cardId: card.id,
    });
  });

  it('passes on a card asked for by id and a clip prefill', () => {
    const prefill = { text: 'A quote', source: 'https://example.com/' };
    expect(composerTarget({ kind: 'card', cardId: card.id, prefill }, 7)).toEqual({
      kind: 'card',
      t: 7,
      cardId: card.id,
      prefill,
    });
  });

  it('opens a shared deck with its link at the current time', () => {
    const link = 'https://example.com/#cuecards=abc';
    expect(composerTarget({ kind: 'deck', link }, 12)).toEqual({ kind: 'deck', t: 12, link });
  });
});

describe('isNewRequest', () => {
  it('is true for a new note or card only', () => {
    expect(isNewRequest({ kind: 'note' })).toBe(true);
    expect(isNewRequest({ kind: 'card' })).toBe(true);
    expect(isNewRequest({ kind: 'card', prefill: { text: 'Clipped' } })).toBe(true);
  });

  it('is false for an edit, a card asked for by id, and a shared deck', () => {
    expect(isNewRequest({ kind: 'note', note })).toBe(false);
    expect(isNewRequest({ kind: 'card', card })).toBe(false);
    expect(isNewRequest({ kind: 'card', cardId: card.id })).toBe(false);
    expect(isNewRequest({ kind: 'deck', link: 'https://example.com/#cuecards=abc' })).toBe(false);
  });
});

describe('requestFromPush', () => {
  it('asks for a new note for a note shortcut', () => {
    expect(requestFromPush({ type: 'open-composer', kind: 'note' })).toEqual({ kind: 'note' });
  });

  it('keeps the card id and the clip prefill of a card push', () => {
    const prefill = { text: 'Clipped text', start: 5 };
    expect(
      requestFromPush({ type: 'open-composer', kind: 'card', cardId: card.id, prefill }),
    ).toEqual({ kind: 'card', cardId: card.id, prefill });
  });
});

describe('newComposerToken', () => {
  it('is 32 characters of base64url, different each time', () => {
    const tokens = new Set(Array.from({ length: 50 }, newComposerToken));
    expect(tokens.size).toBe(50);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});
