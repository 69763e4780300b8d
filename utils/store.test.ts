import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NoteInput, VideoInfo } from './records';
import {
  type CuecardsDatabase,
  notesOfVideo,
  openDatabase,
  putNote,
  recentVideos,
  setNoteDeleted,
} from './store';

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

  it('creates every table of the design in schema version 1', () => {
    expect(db.verno).toBe(1);
    expect(db.tables.map((table) => table.name).sort()).toEqual([
      'cards',
      'decks',
      'notes',
      'videos',
    ]);
    expect(db.notes.schema.indexes.map((index) => index.name)).toEqual(
      expect.arrayContaining(['[videoKey+t]', 'tags', 'videoKey']),
    );
  });
});
