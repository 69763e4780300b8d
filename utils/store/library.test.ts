import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseBackup, serializeBackup } from '../formats/backup';
import type { CardInput, NoteInput, VideoInfo } from '../model/records';
import { readEverything, videoContents } from './bulk';
import {
  type CuecardsDatabase,
  openDatabase,
  putCard,
  putNote,
  setCardDeleted,
  setNoteDeleted,
} from './database';
import {
  deleteVideos,
  hasAnyNote,
  libraryVideos,
  mergeVideos,
  notesTagged,
  renameVideo,
  restoreDeleted,
  rowsChangedSince,
  tagsInUse,
  videosByLastSeen,
} from './library';

const id = (n: number) => `01890a5d-ac96-774b-bcce-${String(n).padStart(12, '0')}`;
const videoOf = (n: number): VideoInfo => ({
  key: `vimeo:${1000 + n}`,
  provider: 'vimeo',
  title: `Video ${n}`,
  url: `https://vimeo.com/${1000 + n}`,
});
const note = (n: number, video: VideoInfo, at: number, t = n): NoteInput => ({
  id: id(n),
  videoKey: video.key,
  t,
  text: `Note ${n}`,
  createdAt: at,
  updatedAt: at,
});
const card = (n: number, video: VideoInfo, at: number): CardInput => ({
  id: id(500 + n),
  videoKey: video.key,
  start: n,
  end: n + 8,
  title: `Card ${n}`,
  text: '',
  kind: 'fact',
  createdAt: at,
  updatedAt: at,
});

let db: CuecardsDatabase;
beforeEach(async () => {
  db = openDatabase(`library-${crypto.randomUUID()}`);
  await db.open();
});
afterEach(() => db.delete());

describe('libraryVideos', () => {
  it('lists videos with live notes or cards, newest first, a page at a time', async () => {
    for (let n = 0; n < 5; n++)
      await putNote(db, note(n, videoOf(n), 1_000 + n, 30 - n), videoOf(n));
    await putNote(db, note(9, videoOf(1), 2_000, 3), videoOf(1));
    await putCard(db, card(1, videoOf(2), 3_000), videoOf(2));
    // A video whose only note was deleted is not listed.
    await setNoteDeleted(db, id(3), true, 4_000);

    const first = await libraryVideos(db, 0, 2);
    expect(first.videos.map((row) => [row.video.title, row.noteCount, row.cardCount])).toEqual([
      ['Video 2', 1, 1],
      ['Video 1', 2, 0],
    ]);
    expect(first.videos[1]?.firstNoteAt).toBe(3);
    const second = await libraryVideos(db, first.nextOffset ?? 0, 2);
    expect(second.videos.map((row) => row.video.title)).toEqual(['Video 4', 'Video 0']);
    expect(second.nextOffset).toBeUndefined();
  });
});

describe('deleteVideos and restoreDeleted', () => {
  it('deletes every note and card of the chosen videos, and undo brings back exactly those', async () => {
    await putNote(db, note(1, videoOf(1), 1_000), videoOf(1));
    await putNote(db, note(2, videoOf(1), 1_000), videoOf(1));
    await putNote(db, note(3, videoOf(2), 1_000), videoOf(2));
    await putCard(db, card(1, videoOf(1), 1_000), videoOf(1));
    await setNoteDeleted(db, id(2), true, 1_500);

    const deleted = await deleteVideos(db, [videoOf(1).key], 2_000);
    expect(deleted).toEqual({ noteIds: [id(1)], cardIds: [id(501)] });
    expect((await libraryVideos(db, 0, 10)).videos.map((row) => row.video.title)).toEqual([
      'Video 2',
    ]);

    await restoreDeleted(db, deleted, 3_000);
    expect((await db.notes.get(id(1)))?.deleted).toBe(false);
    // The note deleted before the bulk delete stays deleted.
    expect((await db.notes.get(id(2)))?.deleted).toBe(true);
    expect((await db.cards.get(id(501)))?.deleted).toBe(false);
  });
});

describe('renameVideo', () => {
  it('keeps the viewer’s title when the page reports its own again', async () => {
    await putNote(db, note(1, videoOf(1), 1_000), videoOf(1));
    await renameVideo(db, videoOf(1).key, '  Lecture 3: montage  ');
    await putNote(db, note(2, videoOf(1), 2_000), { ...videoOf(1), title: 'Vimeo page title' });
    expect((await db.videos.get(videoOf(1).key))?.title).toBe('Lecture 3: montage');
  });
});

describe('mergeVideos', () => {
  it('moves notes, cards and decks to the other key, and the backup stays restorable', async () => {
    const page = videoOf(1);
    const original = videoOf(2);
    await putNote(db, note(1, page, 1_000), page);
    await putCard(db, card(1, page, 1_000), page);
    await putNote(db, note(2, original, 1_000), original);
    await putCard(db, card(2, original, 1_000), original);

    expect(await mergeVideos(db, page.key, original.key, 5_000)).toEqual({ notes: 1, cards: 1 });
    const [merged, ...others] = await videoContents(db);
    expect(others).toEqual([]);
    expect(merged?.video.key).toBe(original.key);
    expect(merged?.notes.map((n) => n.id)).toEqual([id(1), id(2)]);
    expect(merged?.cards.map((c) => c.id)).toEqual([id(501), id(502)]);
    expect(merged?.decks.map((d) => d.title)).toEqual(['My cards']);
    expect(parseBackup(serializeBackup(await readEverything(db))).ok).toBe(true);
  });
});

describe("the library's small reads", () => {
  it('lists every video, the one annotated last first', async () => {
    expect(await videosByLastSeen(db)).toEqual([]);
    await putNote(db, note(1, videoOf(1), 3_000), videoOf(1));
    await putNote(db, note(2, videoOf(2), 1_000), videoOf(2));
    await putCard(db, card(3, videoOf(3), 2_000), videoOf(3));
    expect((await videosByLastSeen(db)).map((video) => video.key)).toEqual(
      [1, 3, 2].map((n) => videoOf(n).key),
    );
  });

  it('knows whether any note was written, a deleted one too', async () => {
    expect(await hasAnyNote(db)).toBe(false);
    await putCard(db, card(1, videoOf(1), 1_000), videoOf(1));
    expect(await hasAnyNote(db)).toBe(false);
    await putNote(db, note(1, videoOf(1), 1_000), videoOf(1));
    await setNoteDeleted(db, id(1), true, 2_000);
    expect(await hasAnyNote(db)).toBe(true);
  });

  it('lists the tags in use in order, and the notes of one tag', async () => {
    const video = videoOf(1);
    await putNote(db, { ...note(1, video, 1_000), text: 'Run #Training #stairs' }, video);
    await putNote(db, { ...note(2, video, 1_000), text: 'Lift #training' }, video);
    await putNote(db, { ...note(3, video, 1_000), text: 'No tags' }, video);
    expect(await tagsInUse(db)).toEqual(['stairs', 'training']);
    expect((await notesTagged(db, 'training')).map((n) => n.id).sort()).toEqual([id(1), id(2)]);
    expect(await notesTagged(db, 'none')).toEqual([]);
  });
});

describe('rowsChangedSince', () => {
  it('reads the notes and cards written at or after the mark, and every video and deck', async () => {
    const video = videoOf(1);
    await putNote(db, note(1, video, 1_000), video);
    await putNote(db, note(2, video, 2_000), video);
    await putCard(db, card(1, video, 1_000), video);
    await putCard(db, card(2, videoOf(2), 3_000), videoOf(2));
    await setCardDeleted(db, id(501), true, 2_000);
    const rows = await rowsChangedSince(db, 2_000);
    expect(rows.notes.map((n) => n.id)).toEqual([id(2)]);
    expect(rows.cards.map((c) => [c.id, c.deleted])).toEqual([
      [id(501), true],
      [id(502), false],
    ]);
    expect(rows.videos.map((v) => v.key).sort()).toEqual([video.key, videoOf(2).key].sort());
    expect(rows.decks).toHaveLength(2);
    expect((await rowsChangedSince(db, 3_001)).notes).toEqual([]);
  });
});
