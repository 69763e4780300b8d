import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CardRecord,
  cardKinds,
  type DeckRecord,
  type NoteRecord,
  type VideoRecord,
} from '../model/records';
import { type BackupContents, parseBackup, serializeBackup } from './backup';

const video: VideoRecord = {
  key: 'yt:dQw4w9WgXcQ',
  provider: 'youtube',
  title: 'Rocky IV training montage',
  url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
  duration: 212,
  lastSeenAt: 1_700_000_000_000,
};
const otherVideo: VideoRecord = {
  key: 'url:https://example.com/talk#0a1b2c3d',
  provider: 'web',
  title: '',
  url: 'https://example.com/talk',
  lastSeenAt: 1_700_000_000_001,
};
const note = (id: string, change: Partial<NoteRecord> = {}): NoteRecord => ({
  id: `01890a5d-ac96-774b-bcce-b302099a${id}`,
  videoKey: video.key,
  t: 83,
  text: 'Drago lifts #training',
  createdAt: 1,
  updatedAt: 2,
  tags: ['training'],
  deleted: false,
  ...change,
});
const deck: DeckRecord = {
  id: '01890a5d-ac96-774b-bcce-b302099a8d00',
  videoKey: video.key,
  title: 'Rocky IV trivia',
  author: 'High Eighties',
  description: '',
  origin: { kind: 'imported', from: 'file' },
  enabled: false,
  createdAt: 1,
  updatedAt: 1,
  deleted: false,
};
const card: CardRecord = {
  id: '01890a5d-ac96-774b-bcce-b302099a8c01',
  deckId: deck.id,
  videoKey: video.key,
  start: 20,
  end: 26,
  title: 'Training Montage',
  text: 'By Vince DiCola',
  link: 'https://en.wikipedia.org/wiki/Vince_DiCola',
  kind: 'music',
  createdAt: 1,
  updatedAt: 1,
  deleted: true,
};
const contents: BackupContents = {
  videos: [video, otherVideo],
  notes: [note('0002', { t: 10, deleted: true }), note('0001')],
  cards: [card],
  decks: [deck],
};
const text = serializeBackup(contents);

/** The backup as JSON with one change made to it, for the rejection cases. */
function edited(change: (backup: Record<string, unknown[]>) => void): string {
  const backup = JSON.parse(text);
  change(backup);
  return JSON.stringify(backup);
}

describe('serializeBackup', () => {
  it('writes one record per line, sorted by key, fields in schema order', () => {
    const scrambled: NoteRecord = {
      deleted: false,
      tags: [],
      text: 'x',
      id: '01890a5d-ac96-774b-bcce-b302099a0003',
      updatedAt: 5,
      createdAt: 4,
      t: 1.5,
      videoKey: otherVideo.key,
    };
    expect(serializeBackup({ ...contents, notes: [scrambled, ...contents.notes] })).toBe(
      `{
  "format": "cuecards-backup",
  "version": 1,
  "videos": [
    {"key":"url:https://example.com/talk#0a1b2c3d","provider":"web","title":"","url":"https://example.com/talk","lastSeenAt":1700000000001},
    {"key":"yt:dQw4w9WgXcQ","provider":"youtube","title":"Rocky IV training montage","url":"https://www.youtube.com/watch?v=dQw4w9WgXcQ","duration":212,"lastSeenAt":1700000000000}
  ],
  "notes": [
    {"id":"01890a5d-ac96-774b-bcce-b302099a0001","videoKey":"yt:dQw4w9WgXcQ","t":83,"text":"Drago lifts #training","createdAt":1,"updatedAt":2,"tags":["training"],"deleted":false},
    {"id":"01890a5d-ac96-774b-bcce-b302099a0002","videoKey":"yt:dQw4w9WgXcQ","t":10,"text":"Drago lifts #training","createdAt":1,"updatedAt":2,"tags":["training"],"deleted":true},
    {"id":"01890a5d-ac96-774b-bcce-b302099a0003","videoKey":"url:https://example.com/talk#0a1b2c3d","t":1.5,"text":"x","createdAt":4,"updatedAt":5,"tags":[],"deleted":false}
  ],
  "cards": [
    {"id":"01890a5d-ac96-774b-bcce-b302099a8c01","videoKey":"yt:dQw4w9WgXcQ","start":20,"end":26,"title":"Training Montage","text":"By Vince DiCola","link":"https://en.wikipedia.org/wiki/Vince_DiCola","kind":"music","createdAt":1,"updatedAt":1,"deckId":"01890a5d-ac96-774b-bcce-b302099a8d00","deleted":true}
  ],
  "decks": [
    {"id":"01890a5d-ac96-774b-bcce-b302099a8d00","videoKey":"yt:dQw4w9WgXcQ","title":"Rocky IV trivia","author":"High Eighties","description":"","origin":{"kind":"imported","from":"file"},"enabled":false,"createdAt":1,"updatedAt":1,"deleted":false}
  ]
}
`,
    );
  });

  it('gives the same bytes whatever order the store returned the records in', () => {
    const reversed = {
      videos: [...contents.videos].reverse(),
      notes: [...contents.notes].reverse(),
      cards: contents.cards,
      decks: contents.decks,
    };
    expect(serializeBackup(reversed)).toBe(text);
  });

  it('leaves the caller’s arrays in their order', () => {
    const notes = [...contents.notes];
    serializeBackup({ ...contents, notes });
    expect(notes).toEqual(contents.notes);
  });

  it('writes empty tables as empty arrays', () => {
    const empty = serializeBackup({ videos: [], notes: [], cards: [], decks: [] });
    expect(parseBackup(empty)).toEqual({
      ok: true,
      value: { format: 'cuecards-backup', version: 1, videos: [], notes: [], cards: [], decks: [] },
    });
  });
});

describe('parseBackup', () => {
  it('restores every record, tombstones included', () => {
    const parsed = parseBackup(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.notes.map((record) => [record.id.slice(-4), record.deleted])).toEqual([
      ['0001', false],
      ['0002', true],
    ]);
    expect(parsed.value.cards).toEqual([card]);
    expect(parsed.value.decks).toEqual([deck]);
    expect(parsed.value.videos).toEqual([otherVideo, video]);
    expect(serializeBackup(parsed.value)).toBe(text);
  });

  it.each([
    [
      'not JSON',
      '{"format":',
      'This Cuecards backup is damaged: it stops being valid JSON at line 1, column 11, where it ends too early (is it cut short?).',
    ],
    [
      'a deck file',
      edited((backup) => {
        backup.format = 'cuecards-deck' as never;
      }),
      'This backup is not valid: format: must be "cuecards-backup", not "cuecards-deck"',
    ],
    [
      'a newer version',
      edited((backup) => {
        backup.version = 2 as never;
      }),
      'This backup is not valid: version: must be 1, not 2',
    ],
    [
      'a note at a negative time',
      edited((backup) => {
        backup.notes![1] = { ...(backup.notes![1] as object), t: -1 };
      }),
      'This backup is not valid: note 2, t: must be at least 0, not -1',
    ],
    [
      'a card with a javascript: link',
      edited((backup) => {
        backup.cards![0] = { ...(backup.cards![0] as object), link: 'javascript:alert(1)' };
      }),
      'This backup is not valid: card 1, link: must be an http(s) URL',
    ],
    [
      'a card that ends before it starts',
      edited((backup) => {
        backup.cards![0] = { ...(backup.cards![0] as object), start: 26, end: 20 };
      }),
      'This backup is not valid: card 1: end: must be after the start',
    ],
    [
      'a card longer than 10 minutes',
      edited((backup) => {
        backup.cards![0] = { ...(backup.cards![0] as object), start: 20, end: 621 };
      }),
      'This backup is not valid: card 1: end: a card lasts at most 10 minutes',
    ],
    [
      'a card with neither title nor text',
      edited((backup) => {
        backup.cards![0] = { ...(backup.cards![0] as object), title: ' ', text: '' };
      }),
      'This backup is not valid: card 1: text: a card needs a title or a text',
    ],
    [
      'a card with an ftp: link',
      edited((backup) => {
        backup.cards![0] = { ...(backup.cards![0] as object), link: 'ftp://example.com/a' };
      }),
      'This backup is not valid: card 1, link: must be an http(s) URL',
    ],
    [
      'a card clipped from a page that is not http(s)',
      edited((backup) => {
        backup.cards![0] = { ...(backup.cards![0] as object), source: 'file:///home/a.html' };
      }),
      'This backup is not valid: card 1, source: must be an http(s) URL',
    ],
    [
      'a card with a title over 200 characters',
      edited((backup) => {
        backup.cards![0] = { ...(backup.cards![0] as object), title: 'x'.repeat(201) };
      }),
      'This backup is not valid: card 1, title: is longer than 200 characters',
    ],
    [
      'a note with blank text',
      edited((backup) => {
        backup.notes![0] = { ...(backup.notes![0] as object), text: ' \n ' };
      }),
      'This backup is not valid: note 1, text: is empty',
    ],
    [
      'an unknown key',
      edited((backup) => {
        backup.decks![0] = { ...(backup.decks![0] as object), onclick: 'x' };
      }),
      'This backup is not valid: deck 1, onclick: is not a field Cuecards knows',
    ],
    [
      'a missing table',
      edited((backup) => {
        delete backup.cards;
      }),
      expect.stringMatching(/^This backup is not valid: cards: /),
    ],
    [
      'a repeated note id',
      edited((backup) => {
        backup.notes!.push(backup.notes![0]);
      }),
      'This backup is not valid: note 3, id: repeats one before it',
    ],
    [
      'a repeated video key',
      edited((backup) => {
        backup.videos!.push({ ...(backup.videos![1] as object), title: 'Again' });
      }),
      'This backup is not valid: video 3, key: repeats one before it',
    ],
    [
      'a note of a video that is not in the backup',
      edited((backup) => {
        backup.videos = backup.videos!.slice(0, 1);
      }),
      'This backup is not valid: note 1, videoKey: names a video that is not in the backup',
    ],
    [
      'a card of a deck that is not in the backup',
      edited((backup) => {
        backup.decks = [];
      }),
      'This backup is not valid: card 1, deckId: names a deck that is not in the backup',
    ],
    // Built as a rope of repeated text: the length check answers before anything is read.
    ['a file over 200 MB', `${text}${' '.repeat(200_000_001)}`, 'The file is over 200 MB.'],
  ])('rejects %s and says why', (_, input, error) => {
    expect(parseBackup(input)).toEqual({ ok: false, error });
  });

  it('drops __proto__ keys without touching Object.prototype', () => {
    const poisoned = text.replace('"format"', '"__proto__": { "polluted": true }, "format"');
    expect(parseBackup(poisoned).ok).toBe(true);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('never throws on mutated input, and what it accepts serializes to its own bytes', () => {
    fc.assert(
      fc.property(fc.nat(text.length - 1), fc.string({ maxLength: 8 }), (at, insert) => {
        const parsed = parseBackup(text.slice(0, at) + insert + text.slice(at + 1));
        if (parsed.ok) {
          const again = serializeBackup(parsed.value);
          expect(serializeBackup((parseBackup(again) as { value: BackupContents }).value)).toBe(
            again,
          );
        }
        expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('a random valid backup', () => {
  // Times up to now: one further ahead than a day is refused (see records.ts).
  const timestamp = fc.maxSafeNat().map((n) => n % (Date.now() + 1));
  const seconds = fc.double({ min: 0, max: 1e7, noNaN: true });
  const anyText = (maxLength: number) => fc.string({ unit: 'binary', maxLength });
  const url = fc.webUrl({ withQueryParameters: true, withFragments: true });
  const videoKey = fc.stringMatching(/^(yt|vimeo|url):[\w.~:/?#&=-]{1,40}$/);

  const videoArb = fc.record(
    {
      key: videoKey,
      provider: fc.constantFrom('youtube', 'vimeo', 'web'),
      title: anyText(40),
      url,
      duration: seconds,
      lastSeenAt: timestamp,
    },
    { requiredKeys: ['key', 'provider', 'title', 'url', 'lastSeenAt'] },
  ) satisfies fc.Arbitrary<VideoRecord>;

  const backupArb = fc
    .uniqueArray(videoArb, { minLength: 1, maxLength: 4, selector: (record) => record.key })
    .chain((videos) => {
      const ofVideo = fc.constantFrom(...videos.map((record) => record.key));
      const noteArb: fc.Arbitrary<NoteRecord> = fc.record({
        id: fc.uuid(),
        videoKey: ofVideo,
        t: seconds,
        text: anyText(60).filter((s) => s.trim() !== ''),
        createdAt: timestamp,
        updatedAt: timestamp,
        tags: fc.array(anyText(10), { maxLength: 3 }),
        deleted: fc.boolean(),
      });
      const deckArb: fc.Arbitrary<DeckRecord> = fc.record({
        id: fc.uuid(),
        videoKey: ofVideo,
        title: anyText(20),
        author: anyText(10),
        description: anyText(30),
        origin: fc.record(
          { kind: fc.constantFrom('own', 'imported'), from: anyText(20) },
          { requiredKeys: ['kind'] },
        ),
        enabled: fc.boolean(),
        createdAt: timestamp,
        updatedAt: timestamp,
        deleted: fc.boolean(),
      });
      return fc.record({
        videos: fc.constant(videos),
        notes: fc.uniqueArray(noteArb, { maxLength: 8, selector: (record) => record.id }),
        decks: fc.uniqueArray(deckArb, { minLength: 1, maxLength: 3, selector: (r) => r.id }),
      });
    })
    .chain(({ videos, notes, decks }) => {
      // A valid card ends after it starts, within ten minutes, and has a title or a text.
      const cardTimes = fc
        .tuple(seconds, fc.double({ min: 0, max: 600, minExcluded: true, noNaN: true }))
        .map(([start, length]) => ({ start, end: Math.min(start + length, 1e7) }))
        .filter(({ start, end }) => end > start && end - start <= 600);
      const cardFieldsArb = fc.record(
        {
          id: fc.uuid(),
          videoKey: fc.constantFrom(...videos.map((record) => record.key)),
          title: anyText(20),
          text: anyText(40),
          link: url,
          kind: fc.constantFrom(...cardKinds),
          source: url,
          createdAt: timestamp,
          updatedAt: timestamp,
          deckId: fc.constantFrom(...decks.map((record) => record.id)),
          deleted: fc.boolean(),
        },
        {
          requiredKeys: [
            ...(['id', 'videoKey', 'title', 'text', 'kind'] as const),
            ...(['createdAt', 'updatedAt', 'deckId', 'deleted'] as const),
          ],
        },
      );
      const cardArb: fc.Arbitrary<CardRecord> = fc
        .tuple(cardFieldsArb, cardTimes)
        .map(([fields, times]) => ({ ...fields, ...times }))
        .filter((card) => card.title.trim() !== '' || card.text.trim() !== '');
      return fc.record({
        videos: fc.constant(videos),
        notes: fc.constant(notes),
        cards: fc.uniqueArray(cardArb, { maxLength: 6, selector: (record) => record.id }),
        decks: fc.constant(decks),
      });
    });

  it('round-trips byte for byte, so export → restore → export changes nothing', () => {
    fc.assert(
      fc.property(backupArb, (contents) => {
        const first = serializeBackup(contents);
        const parsed = parseBackup(first);
        if (!parsed.ok) throw new Error(parsed.error);
        expect(serializeBackup(parsed.value)).toBe(first);
        expect(parsed.value.notes).toHaveLength(contents.notes.length);
      }),
      { numRuns: 300 },
    );
  });
});
