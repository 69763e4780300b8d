import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NoteInput, VideoInfo } from '../model/records';
import {
  type CuecardsDatabase,
  notesOfVideo,
  notesOfVideos,
  openDatabase,
  putNote,
  recentVideos,
  setNoteDeleted,
} from './database';

const video: VideoInfo = {
  key: 'yt:dQw4w9WgXcQ',
  provider: 'youtube',
  title: 'Training montage',
  url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
  duration: 60,
};

function note(overrides: Partial<NoteInput> = {}): NoteInput {
  return {
    id: '01890a5d-ac96-774b-bcce-b302099a8057',
    videoKey: video.key,
    t: 12,
    text: 'Chopping wood #training',
    createdAt: 1_000,
    updatedAt: 1_000,
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

describe('store', () => {
  it('keeps a note with its video and derives its tags', async () => {
    expect(await putNote(db, note(), video)).toBe('written');
    const [stored] = await notesOfVideo(db, video.key);
    expect(stored).toMatchObject({ text: 'Chopping wood #training', tags: ['training'] });
    expect(await db.videos.get(video.key)).toMatchObject({
      title: 'Training montage',
      lastSeenAt: 1_000,
    });
  });

  it('treats a retried write as a no-op', async () => {
    await putNote(db, note(), video);
    await putNote(db, note(), video);
    expect(await db.notes.count()).toBe(1);
    expect(await db.videos.count()).toBe(1);
  });

  it('ignores a write older than the stored note', async () => {
    await putNote(db, note({ text: 'newer', updatedAt: 2_000 }), video);
    expect(await putNote(db, note({ text: 'older', updatedAt: 1_500 }), video)).toBe('ignored');
    expect((await db.notes.get(note().id))?.text).toBe('newer');
  });

  it('keeps the first createdAt when a note is edited', async () => {
    await putNote(db, note(), video);
    await putNote(db, note({ text: 'edited', createdAt: 5_000, updatedAt: 5_000 }), video);
    expect(await db.notes.get(note().id)).toMatchObject({ text: 'edited', createdAt: 1_000 });
  });

  it('deletes with a tombstone that undo brings back', async () => {
    await putNote(db, note(), video);
    await setNoteDeleted(db, note().id, true, 2_000);
    expect(await notesOfVideo(db, video.key)).toEqual([]);
    expect(await db.notes.get(note().id)).toMatchObject({ deleted: true, updatedAt: 2_000 });
    await setNoteDeleted(db, note().id, false, 3_000);
    expect(await notesOfVideo(db, video.key)).toHaveLength(1);
  });

  it('does not let a replayed delete undo a later restore', async () => {
    await putNote(db, note(), video);
    await setNoteDeleted(db, note().id, false, 3_000);
    expect(await setNoteDeleted(db, note().id, true, 2_000)).toBe('ignored');
    expect(await notesOfVideo(db, video.key)).toHaveLength(1);
  });

  it('lists notes of one video in time order only', async () => {
    await putNote(db, note({ id: '01890a5d-ac96-774b-bcce-b302099a8001', t: 40 }), video);
    await putNote(db, note({ id: '01890a5d-ac96-774b-bcce-b302099a8002', t: 5 }), video);
    await putNote(
      db,
      note({ id: '01890a5d-ac96-774b-bcce-b302099a8003', videoKey: 'vimeo:1', t: 1 }),
      { ...video, key: 'vimeo:1', provider: 'vimeo', url: 'https://vimeo.com/1' },
    );
    expect((await notesOfVideo(db, video.key)).map((n) => n.t)).toEqual([5, 40]);
  });

  it('lists recently annotated videos newest first with live note counts', async () => {
    const other = {
      ...video,
      key: 'vimeo:1',
      provider: 'vimeo' as const,
      url: 'https://vimeo.com/1',
    };
    await putNote(db, note({ id: '01890a5d-ac96-774b-bcce-b302099a8001', t: 30 }), video);
    await putNote(db, note({ id: '01890a5d-ac96-774b-bcce-b302099a8002', t: 9 }), video);
    await putNote(
      db,
      note({ id: '01890a5d-ac96-774b-bcce-b302099a8003', videoKey: other.key, updatedAt: 9_000 }),
      other,
    );
    const summaries = await recentVideos(db);
    expect(summaries.map((s) => [s.video.key, s.noteCount, s.firstNoteAt])).toEqual([
      ['vimeo:1', 1, 12],
      [video.key, 2, 9],
    ]);
    await setNoteDeleted(db, '01890a5d-ac96-774b-bcce-b302099a8003', true, 10_000);
    expect((await recentVideos(db)).map((s) => s.video.key)).toEqual([video.key]);
  });

  it('finds the recently annotated videos among many without notes, newest first', async () => {
    const ids = [1, 2, 3, 4, 5, 6, 7].map((i) => `01890a5d-ac96-774b-bcce-b302099a800${i}`);
    for (const [i, id] of ids.entries()) {
      const key = `vimeo:${i + 1}`;
      const other = {
        ...video,
        key,
        provider: 'vimeo' as const,
        url: `https://vimeo.com/${i + 1}`,
      };
      await putNote(db, note({ id, videoKey: key, updatedAt: (i + 1) * 1_000 }), other);
    }
    // Only videos 1, 3 and 6 keep a live note; each call reads its videos in pages of 4.
    for (const i of [2, 4, 5, 7]) await setNoteDeleted(db, ids[i - 1]!, true, 10_000);
    const keysOf = async (limit: number) =>
      (await recentVideos(db, limit)).map((summary) => summary.video.key);
    expect(await keysOf(2)).toEqual(['vimeo:6', 'vimeo:3']);
    expect(await keysOf(3)).toEqual(['vimeo:6', 'vimeo:3', 'vimeo:1']);
    expect(await keysOf(20)).toEqual(['vimeo:6', 'vimeo:3', 'vimeo:1']);
  });

  it('creates every table of the design, the notes indexed by video and time', () => {
    expect(db.verno).toBe(3);
    expect(db.tables.map((table) => table.name).sort()).toEqual([
      'cards',
      'decks',
      'heads',
      'journal',
      'notes',
      'outgoing',
      'syncState',
      'videos',
    ]);
    expect(db.notes.schema.indexes.map((index) => index.name).sort()).toEqual([
      '[videoKey+t]',
      'tags',
      'updatedAt',
    ]);
  });
});

describe('a database written by schema version 1', () => {
  // The stores exactly as version 1 shipped them, with rows written by that version.
  const version1 = {
    videos: 'key, lastSeenAt, provider',
    notes: 'id, videoKey, [videoKey+t], *tags, updatedAt',
    cards: 'id, deckId, videoKey, [videoKey+start], updatedAt',
    decks: 'id, videoKey, updatedAt',
  };

  it('opens in the current version with every row kept and found', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    old.version(1).stores(version1);
    await old.table('videos').put({ ...video, lastSeenAt: 5 });
    await old.table('notes').bulkPut([
      { ...note(), tags: ['training'], deleted: false },
      { ...note({ id: '01890a5d-ac96-774b-bcce-b302099a8058', t: 3 }), tags: [], deleted: true },
      {
        ...note({ id: '01890a5d-ac96-774b-bcce-b302099a8059', videoKey: 'vimeo:1', t: 1 }),
        tags: [],
        deleted: false,
      },
    ]);
    old.close();

    const current = openDatabase(name);
    try {
      await current.open();
      expect(current.verno).toBe(3);
      expect(await current.notes.count()).toBe(3);
      expect((await notesOfVideos(current, [video.key])).map((n) => n.t)).toEqual([3, 12]);
      expect((await notesOfVideo(current, video.key)).map((n) => n.text)).toEqual([
        'Chopping wood #training',
      ]);
      expect(await current.notes.where('tags').equals('training').count()).toBe(1);
      expect((await current.videos.get(video.key))?.title).toBe('Training montage');
    } finally {
      await current.delete();
    }
  });
});

describe('the journal of changed records', () => {
  it('names every record a write touched, whichever path wrote it', async () => {
    const journaled = openDatabase('journal-test');
    await putNote(journaled, note(), video);
    await setNoteDeleted(journaled, note().id, true, 2_000);
    const entries = await journaled.journal.toArray();
    expect(entries.map((entry) => entry.keys.sort())).toEqual([
      [`notes:${note().id}`],
      [`videos:${video.key}`],
      [`notes:${note().id}`],
    ]);
  });

  it('refuses a write to a synced table made outside it, so sync never misses one', async () => {
    const journaled = openDatabase('journal-refusal-test');
    await expect(journaled.videos.put({ ...video, lastSeenAt: 1 })).rejects.toThrow(/journal/);
    expect(await journaled.videos.count()).toBe(0);
  });
});
