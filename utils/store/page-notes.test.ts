import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseYiNote } from '../formats/yinote';
import { identifyVideo } from '../model/video-key';
import { importBatch } from './bulk';
import { type CuecardsDatabase, notesOfVideo, openDatabase } from './database';
import { adoptPageNotes, pageKeyOf } from './page-notes';

const pageUrl = 'https://films.example.org/rocky-iv.html';
const yiNoteExport = JSON.stringify({
  version: '1.6.0',
  data: [
    {
      meta: { url: pageUrl, title: 'Rocky IV, the film page' },
      notes: [{ content: 'Sled pull in the snow', timestamp: 83, type: 'video' }],
      createdAt: 1_600_000_000_000,
    },
  ],
});
const playing = { ...identifyVideo(pageUrl, 'https://cdn.example.org/rocky-iv.mp4')!, title: '' };

let db: CuecardsDatabase;
beforeEach(async () => {
  db = openDatabase(`page-notes-${crypto.randomUUID()}`);
  await db.open();
  const batch = parseYiNote(yiNoteExport, 1_700_000_000_000);
  if (!batch.ok) throw new Error(batch.error);
  await importBatch(db, batch.value, 'yi-note.json');
});
afterEach(() => db.delete());

describe('adoptPageNotes', () => {
  it('gives the notes a YiNote export kept for a page to the video played on it', async () => {
    expect(playing.key).toMatch(/^url:https:\/\/films\.example\.org\/rocky-iv\.html#[0-9a-f]{8}$/);
    expect(await adoptPageNotes(db, playing, 1_700_000_001_000)).toBe(true);
    const notes = await notesOfVideo(db, playing.key);
    expect(notes.map((note) => [note.t, note.text, note.updatedAt])).toEqual([
      [83, 'Sled pull in the snow', 1_700_000_001_000],
    ]);
    expect(await notesOfVideo(db, pageKeyOf(playing.key)!)).toEqual([]);
    expect(await db.videos.get(pageKeyOf(playing.key)!)).toBeUndefined();
    expect((await db.videos.get(playing.key))?.title).toBe('Rocky IV, the film page');
  });

  it('leaves them be for a video of another page, and once moved does nothing', async () => {
    const elsewhere = {
      ...identifyVideo('https://films.example.org/other.html', 'https://cdn.example.org/a.mp4')!,
      title: '',
    };
    expect(await adoptPageNotes(db, elsewhere, 2)).toBe(false);
    expect(await adoptPageNotes(db, playing, 3)).toBe(true);
    expect(await adoptPageNotes(db, playing, 4)).toBe(false);
    expect((await notesOfVideo(db, playing.key)).length).toBe(1);
  });

  it('reads no page key in YouTube, Vimeo or hashless keys', () => {
    expect(pageKeyOf('yt:dQw4w9WgXcQ')).toBeUndefined();
    expect(pageKeyOf('vimeo:76979871')).toBeUndefined();
    expect(pageKeyOf(`url:${pageUrl}`)).toBeUndefined();
    expect(pageKeyOf(playing.key)).toBe(`url:${pageUrl}`);
  });
});
