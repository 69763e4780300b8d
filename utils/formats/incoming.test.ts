import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importBatch, readEverything, restoreEverything } from '../store/bulk';
import { type CuecardsDatabase, openDatabase } from '../store/database';
import { serializeBackup } from './backup';
import type { DeckFile } from './deck-file';
import { type Incoming, readIncoming, readWebVttFor } from './incoming';
import { deckShareLink } from './share-link';

const video = {
  key: 'yt:dQw4w9WgXcQ',
  provider: 'youtube' as const,
  title: 'Training montage',
  url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
};
const deck: DeckFile = {
  format: 'cuecards-deck',
  version: 1,
  video,
  deck: {
    id: '01890a5d-ac96-774b-bcce-b302099a8200',
    title: 'Rocky IV trivia',
    author: '',
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
  ],
};
const deckText = JSON.stringify(deck);
const backupText = serializeBackup({
  videos: [{ ...video, lastSeenAt: 5 }],
  notes: [
    {
      id: '01890a5d-ac96-774b-bcce-b302099a8300',
      videoKey: video.key,
      t: 3,
      text: 'Chopping wood #training',
      tags: ['training'],
      createdAt: 5,
      updatedAt: 5,
      deleted: false,
    },
  ],
  cards: [],
  decks: [],
});
const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const kindOf = (text: string) => {
  const read = readIncoming(text, 1);
  if (!read.ok) return read.error;
  return read.value.kind === 'batch' ? read.value.source : read.value.kind;
};

describe('readIncoming', () => {
  it('tells every format apart by its content, not its file name', () => {
    expect(kindOf(backupText)).toBe('backup');
    expect(kindOf(deckText)).toBe('deck file');
    expect(kindOf(fixture('yinote-export.json'))).toBe('YiNote export');
    expect(kindOf(fixture('deck.vtt'))).toBe('webvtt');
    expect(kindOf(fixture('youtube-auto-captions.vtt'))).toBe('webvtt');
    const link = deckShareLink(deck);
    if (!link.ok) throw new Error(link.error);
    expect(kindOf(`  ${link.value}\n`)).toBe('share link');
  });

  it('says clearly what it cannot read', () => {
    expect(kindOf('')).toBe('There is nothing to import.');
    expect(kindOf('https://www.youtube.com/watch?v=dQw4w9WgXcQ')).toBe(
      'This link carries no Cuecards deck.',
    );
    expect(kindOf('Dear diary')).toMatch(/^Cuecards cannot read this file\./);
    expect(kindOf('{"format":"cuecards-deck","version":2}')).toBe(
      'This deck file is not valid: version: must be 1, not 2',
    );
  });

  it('reads a SubRip file, as a WebVTT one, once the viewer picks its video', () => {
    const srt =
      '\uFEFF1\r\n00:00:03,000 --> 00:00:09,000\r\nRocky chops wood\r\n\r\n2\r\n00:00:12,500 --> 00:00:18,000\r\nDrago runs\r\n';
    expect(kindOf(srt)).toBe('webvtt');
    const read = readWebVttFor(srt, video, 'Subtitles', 1);
    expect(read.ok && read.value.kind === 'batch' && read.value.source).toBe('SubRip');
    expect(read.ok && read.value.kind === 'batch' && read.value.batch.decks[0]?.cards.length).toBe(
      2,
    );
  });

  it('reads a WebVTT file once the viewer picks its video', () => {
    const read = readWebVttFor(fixture('deck.vtt'), video, 'Subtitles', 1);
    expect(read.ok && read.value.kind === 'batch' && read.value.batch.decks[0]?.video).toEqual(
      video,
    );
  });
});

describe('importing what readIncoming accepts', () => {
  let db: CuecardsDatabase;
  beforeEach(async () => {
    db = openDatabase(`incoming-${crypto.randomUUID()}`);
    await db.open();
  });
  afterEach(() => db.delete());

  const write = (incoming: Incoming) =>
    incoming.kind === 'backup'
      ? restoreEverything(db, incoming.backup)
      : incoming.kind === 'batch'
        ? importBatch(db, incoming.batch, 'test')
        : undefined;

  it('restores nothing of a backup with one card that ends before it starts', async () => {
    const backup = JSON.parse(backupText);
    backup.decks = [{ ...deck.deck, videoKey: video.key, origin: { kind: 'own' }, enabled: true }];
    backup.decks[0].deleted = false;
    backup.cards = [
      { ...deck.cards[0], start: 8, end: 2, videoKey: video.key, deckId: deck.deck.id },
    ];
    backup.cards[0].deleted = false;
    const read = readIncoming(JSON.stringify(backup), 1);
    if (read.ok) await write(read.value);
    expect(read).toEqual({
      ok: false,
      error: 'This backup is not valid: card 1: end: must be after the start',
    });
    expect(await readEverything(db)).toEqual({ videos: [], notes: [], cards: [], decks: [] });
  });

  it('writes nothing from a rejected input and everything from an accepted one', async () => {
    const valid = [backupText, deckText, fixture('yinote-export.json')];
    // Mutations of valid inputs: characters swapped for others, cut short, or spliced in.
    const mutated = fc
      .tuple(fc.constantFrom(...valid), fc.nat(), fc.string({ maxLength: 4 }), fc.nat({ max: 3 }))
      .map(([text, at, insert, cut]) => {
        const i = at % text.length;
        return text.slice(0, i) + insert + text.slice(i + cut);
      });
    await fc.assert(
      fc.asyncProperty(mutated, async (text) => {
        const before = serializeBackup(await readEverything(db));
        const read = readIncoming(text, 1);
        if (read.ok) {
          await write(read.value);
        } else {
          expect(read.error.length).toBeGreaterThan(0);
          expect(serializeBackup(await readEverything(db))).toBe(before);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});
