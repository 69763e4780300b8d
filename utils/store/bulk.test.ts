import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseBackup, serializeBackup } from '../formats/backup';
import type { DeckFile } from '../formats/deck-file';
import { uuidv7 } from '../model/ids';
import type { CardInput, NoteInput, VideoInfo } from '../model/records';
import { importBatch, importDeck, readEverything, restoreEverything, videoContents } from './bulk';
import { type CuecardsDatabase, openDatabase, putCard, putNote, setNoteDeleted } from './database';

const montage: VideoInfo = {
  key: 'yt:dQw4w9WgXcQ',
  provider: 'youtube',
  title: 'Training montage',
  url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
  duration: 60,
};
const lecture: VideoInfo = {
  key: 'vimeo:76979871',
  provider: 'vimeo',
  title: 'A lecture',
  url: 'https://vimeo.com/76979871',
};

const id = (n: number) => `01890a5d-ac96-774b-bcce-${String(n).padStart(12, '0')}`;

function note(n: number, overrides: Partial<NoteInput> = {}): NoteInput {
  return {
    id: id(n),
    videoKey: montage.key,
    t: n,
    text: `Note ${n} #training`,
    createdAt: 1_000 + n,
    updatedAt: 1_000 + n,
    ...overrides,
  };
}

function card(n: number, overrides: Partial<CardInput> = {}): CardInput {
  return {
    id: id(500 + n),
    videoKey: montage.key,
    start: n,
    end: n + 8,
    title: `Card ${n}`,
    text: '',
    kind: 'fact',
    createdAt: 2_000 + n,
    updatedAt: 2_000 + n,
    ...overrides,
  };
}

let db: CuecardsDatabase;
beforeEach(async () => {
  db = openDatabase(`test-${crypto.randomUUID()}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

async function fillStore() {
  await putNote(db, note(3), montage);
  await putNote(db, note(1), montage);
  await putNote(db, note(2, { videoKey: lecture.key }), lecture);
  await putNote(db, note(4), montage);
  await setNoteDeleted(db, id(4), true, 9_000);
  await putCard(db, card(5), montage);
}

describe('backup and restore', () => {
  it('gives the same file after export, wipe and restore', async () => {
    await fillStore();
    const first = serializeBackup(await readEverything(db));
    await db.delete();
    await db.open();
    expect((await readEverything(db)).notes).toEqual([]);

    const parsed = parseBackup(first);
    if (!parsed.ok) throw new Error(parsed.error);
    const outcome = await restoreEverything(db, parsed.value);
    expect(outcome).toEqual({ videos: 2, notes: 4, cards: 1, decks: 1, unchanged: 0 });
    expect(serializeBackup(await readEverything(db))).toBe(first);
  });

  it('adds nothing when the same backup is restored twice', async () => {
    await fillStore();
    const backup = await readEverything(db);
    const outcome = await restoreEverything(db, backup);
    expect(outcome).toEqual({ videos: 0, notes: 0, cards: 0, decks: 0, unchanged: 8 });
  });

  it('keeps an edit made after the backup and takes back rows the store lost', async () => {
    await fillStore();
    const backup = await readEverything(db);
    await putNote(db, note(1, { text: 'Edited later', updatedAt: 50_000 }));
    await db.transaction('rw', db.journal, db.notes, () => db.notes.delete(id(3)));

    const outcome = await restoreEverything(db, backup);
    expect(outcome.notes).toBe(1);
    expect((await db.notes.get(id(1)))?.text).toBe('Edited later');
    expect((await db.notes.get(id(3)))?.text).toBe('Note 3 #training');
  });

  it('keeps tombstones, so a note deleted before the backup stays deleted', async () => {
    await fillStore();
    const backup = await readEverything(db);
    await db.delete();
    await db.open();
    await restoreEverything(db, backup);
    expect((await db.notes.get(id(4)))?.deleted).toBe(true);
  });
});

describe('restoreEverything of a large backup', () => {
  const notes = Array.from({ length: 12_345 }, (_, i) => ({
    ...note(i, { id: uuidv7(1_600_000_000_000 + i) }),
    tags: ['training'],
    deleted: false,
  }));
  const backup = {
    videos: [{ ...montage, lastSeenAt: 5 }],
    notes,
    cards: [],
    decks: [],
  };

  it('reports each chunk written, up to every row', async () => {
    const reports: [number, number][] = [];
    await restoreEverything(db, backup, (written, total) => reports.push([written, total]));
    expect(reports.map(([, total]) => total)).toEqual(reports.map(() => 12_346));
    expect(reports.map(([written]) => written)).toEqual([1, 5_001, 10_001, 12_346]);
    expect(await db.notes.count()).toBe(12_345);
  });

  it('writes nothing when a chunk fails', async () => {
    const broken = {
      ...backup,
      notes: [...notes.slice(0, 9_000), { ...notes[0]!, id: undefined as never }],
    };
    await expect(restoreEverything(db, broken)).rejects.toThrow();
    expect(await db.notes.count()).toBe(0);
    expect(await db.videos.count()).toBe(0);
  });
});

describe('videoContents', () => {
  it('groups the live notes and cards by video, in time order, newest video first', async () => {
    await fillStore();
    const contents = await videoContents(db);
    expect(contents.map((c) => c.video.key)).toEqual([montage.key, lecture.key]);
    expect(contents[0]?.notes.map((n) => n.t)).toEqual([1, 3]);
    expect(contents[0]?.cards.map((c) => c.title)).toEqual(['Card 5']);
    expect(contents[0]?.decks.map((d) => d.title)).toEqual(['My cards']);
    expect(contents[1]?.notes.map((n) => n.t)).toEqual([2]);
  });

  it('reads every note, also when notes made over years are read in parts', async () => {
    const ids = [
      ...Array.from({ length: 40 }, (_, i) => uuidv7(1_500_000_000_000 + i * 3e9)),
      id(7), // not time-ordered, as imported notes' ids are
      'ffffffff-ffff-8fff-bfff-ffffffffffff',
    ];
    for (const [i, noteId] of ids.entries()) {
      await putNote(db, note(i, { id: noteId }), montage);
    }
    const [contents] = await videoContents(db);
    expect(contents?.notes.map((n) => n.id).sort()).toEqual([...ids].sort());
    expect(contents?.notes.map((n) => n.t)).toEqual(ids.map((_, i) => i));
  });

  it('reads only the videos asked for', async () => {
    await fillStore();
    const contents = await videoContents(db, [lecture.key]);
    expect(contents.map((c) => c.video.key)).toEqual([lecture.key]);
  });
});

describe('importBatch', () => {
  const deck: DeckFile = {
    format: 'cuecards-deck',
    version: 1,
    video: lecture,
    deck: {
      id: id(900),
      title: 'Shared',
      author: '',
      description: '',
      createdAt: 1,
      updatedAt: 1,
    },
    cards: [
      {
        id: id(901),
        start: 1,
        end: 4,
        title: 'A fact',
        text: '',
        kind: 'fact',
        createdAt: 1,
        updatedAt: 1,
      },
    ],
  };

  it('writes notes with their tags and decks with their cards, once', async () => {
    const batch = { videos: [montage, lecture], notes: [note(1), note(2)], decks: [deck] };
    expect(await importBatch(db, batch, 'file')).toEqual({
      notes: 2,
      decks: 1,
      cards: 1,
      unchanged: 0,
    });
    expect((await db.notes.get(id(1)))?.tags).toEqual(['training']);
    expect((await db.decks.get(id(900)))?.origin).toEqual({ kind: 'imported', from: 'file' });
    expect((await db.videos.get(lecture.key))?.title).toBe('A lecture');

    expect(await importBatch(db, batch, 'file')).toEqual({
      notes: 0,
      decks: 1,
      cards: 0,
      unchanged: 3,
    });
    expect(await db.notes.count()).toBe(2);
    expect(await db.cards.count()).toBe(1);
  });

  it('never re-points a video the store knows, nor renames it', async () => {
    await putNote(db, note(1), montage);
    const forged: DeckFile = {
      ...deck,
      video: {
        ...montage,
        title: 'Click here',
        url: 'https://attacker.example/watch?v=dQw4w9WgXcQ',
      },
    };
    await importDeck(db, forged, 'https://attacker.example/');
    await importBatch(db, { videos: [forged.video], notes: [], decks: [forged] }, 'file');
    expect(await db.videos.get(montage.key)).toMatchObject({
      title: 'Training montage',
      url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    });
    expect(await db.cards.where('videoKey').equals(montage.key).count()).toBe(1);
  });

  it('gives a new video only an address of its key', async () => {
    const web = 'url:https://films.example/rocky.html#0a1b2c3d';
    await importDeck(
      db,
      { ...deck, video: { ...lecture, url: 'https://attacker.example/76979871' } },
      'file',
    );
    await importDeck(
      db,
      {
        ...deck,
        deck: { ...deck.deck, id: id(910) },
        cards: [{ ...deck.cards[0]!, id: id(911) }],
        video: { key: web, provider: 'web', title: 'Rocky', url: 'https://attacker.example/' },
      },
      'file',
    );
    expect((await db.videos.get(lecture.key))?.url).toBe('https://vimeo.com/76979871');
    expect(await db.videos.get(web)).toMatchObject({
      provider: 'web',
      url: 'https://films.example/rocky.html',
    });
  });
});

describe('a restored backup', () => {
  it('keeps only an address of each video’s key', async () => {
    await restoreEverything(db, {
      videos: [
        { ...montage, url: 'https://attacker.example/', lastSeenAt: 5 },
        { ...lecture, url: 'https://vimeo.com/76979871?utm_source=x', lastSeenAt: 5 },
      ],
      notes: [],
      cards: [],
      decks: [],
    });
    expect((await db.videos.get(montage.key))?.url).toBe(montage.url);
    expect((await db.videos.get(lecture.key))?.url).toBe(lecture.url);
  });
});
