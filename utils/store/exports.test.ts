import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markdownFileName, videoToMarkdown } from '../formats/markdown';
import { uuidv7 } from '../model/ids';
import type { VideoInfo } from '../model/records';
import { videoContents } from './bulk';
import { type CuecardsDatabase, openDatabase, putCard, putNote, setNoteDeleted } from './database';
import { markdownZip } from './exports';

const montage: VideoInfo = {
  key: 'yt:dQw4w9WgXcQ',
  provider: 'youtube',
  title: 'Training montage',
  url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
  duration: 60,
};
const lecture: VideoInfo = {
  key: 'url:https://lectures.example/1#00ab',
  provider: 'web',
  title: 'A lecture',
  url: 'https://lectures.example/1',
};
const at = new Date(2024, 4, 1, 12, 0);

let db: CuecardsDatabase;
beforeEach(async () => {
  db = openDatabase(`test-${crypto.randomUUID()}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

async function unzipped(data: unknown): Promise<Record<string, string>> {
  if (!(data instanceof Blob)) throw new Error('Expected the zip as a Blob');
  const files: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(unzipSync(new Uint8Array(await data.arrayBuffer())))) {
    files[name] = strFromU8(bytes);
  }
  return files;
}

describe('markdownZip', () => {
  it('holds for each video the file its own export gives, its notes read in parts', async () => {
    // Notes taken over years (so they are read as several ranges of ids), one with an id that
    // is not time-ordered, as imported notes' are, and a deleted one.
    for (let i = 0; i < 60; i++) {
      const video = i % 3 === 0 ? lecture : montage;
      const createdAt = 1_500_000_000_000 + i * 2e9;
      await putNote(
        db,
        {
          id: i === 7 ? 'ffffffff-ffff-8fff-bfff-ffffffffffff' : uuidv7(createdAt),
          videoKey: video.key,
          t: (i * 37) % 600,
          text: i % 5 === 0 ? `Line one of ${i}\n- a list in note ${i} #tag${i % 2}` : `Note ${i}`,
          createdAt,
          updatedAt: createdAt,
        },
        video,
      );
    }
    const gone = uuidv7(1_400_000_000_000);
    await putNote(db, {
      id: gone,
      videoKey: montage.key,
      t: 1,
      text: 'Gone',
      createdAt: 1,
      updatedAt: 1,
    });
    await setNoteDeleted(db, gone, true, 2);
    await putCard(
      db,
      {
        id: uuidv7(1_600_000_000_000),
        videoKey: montage.key,
        start: 5,
        end: 9,
        title: 'Wyoming',
        text: 'Shot in Jackson Hole',
        kind: 'place',
        createdAt: 3,
        updatedAt: 3,
      },
      montage,
    );

    const zip = await markdownZip(db, at);
    const expected = Object.fromEntries(
      (await videoContents(db)).map((contents) => [
        markdownFileName(contents.video),
        videoToMarkdown(contents, at),
      ]),
    );
    expect(zip.videoCount).toBe(2);
    expect(Object.keys(expected)).toHaveLength(2);
    expect(await unzipped(zip.data)).toEqual(expected);
    expect(expected['A lecture.md']?.match(/^- \[/gm)).toHaveLength(20);
    const [montageNotes, montageCards] = expected['Training montage.md']!.split('## Trivia cards');
    expect(montageNotes?.match(/^- \[/gm)).toHaveLength(40);
    expect(montageCards).toContain('**Wyoming**');
    expect(expected['Training montage.md']).not.toContain('Gone');
  });

  it('holds only the videos asked for', async () => {
    for (const video of [montage, lecture]) {
      await putNote(
        db,
        {
          id: uuidv7(),
          videoKey: video.key,
          t: 3,
          text: `About ${video.title}`,
          createdAt: 1,
          updatedAt: 1,
        },
        video,
      );
    }
    const zip = await markdownZip(db, at, [lecture.key]);
    expect(Object.keys(await unzipped(zip.data))).toEqual(['A lecture.md']);
    expect(zip.videoCount).toBe(1);
  });
});
