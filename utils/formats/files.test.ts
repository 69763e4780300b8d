import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { DeckFile } from './deck-file';
import { parseDeckFile } from './deck-file';
import { backupFileFrom, deckJsonFile, deckWebVttFile, MarkdownZip } from './files';
import { videoToMarkdown } from './markdown';

const file: DeckFile = {
  format: 'cuecards-deck',
  version: 1,
  video: {
    key: 'yt:dQw4w9WgXcQ',
    provider: 'youtube',
    title: 'Rocky IV training montage',
    url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
  },
  deck: {
    id: '01890a5d-ac96-774b-bcce-b302099a8200',
    title: 'Rocky IV: trivia/facts',
    author: 'High Eighties',
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
const at = new Date(2024, 4, 1, 12, 0);

describe('deck files', () => {
  it('names the deck file after its title, made safe for any file system', () => {
    const json = deckJsonFile(file);
    expect(json.name).toBe('Rocky IV trivia facts.cuecards.json');
    expect(json.type).toBe('application/json');
    expect(parseDeckFile(String(json.data))).toEqual({ ok: true, value: file });
  });

  it('gives WebVTT the same name, and a cue per card', () => {
    const vtt = deckWebVttFile(file);
    expect(vtt.name).toBe('Rocky IV trivia facts.vtt');
    expect(vtt.type).toBe('text/vtt');
    expect(String(vtt.data)).toMatch(/^WEBVTT/);
    expect(String(vtt.data)).toContain('00:00:02.000 --> 00:00:08.000');
  });

  it('names a deck without a title "deck"', () => {
    expect(deckJsonFile({ ...file, deck: { ...file.deck, title: '' } }).name).toBe(
      'deck.cuecards.json',
    );
  });
});

describe('backupFileFrom', () => {
  it('is a JSON file named for the day', () => {
    const backup = backupFileFrom({ videos: [], notes: [], cards: [], decks: [] }, at);
    expect(backup.name).toBe('Cuecards backup 2024-05-01.json');
    expect(JSON.parse(String(backup.data))).toMatchObject({ format: 'cuecards-backup' });
  });
});

describe('MarkdownZip', () => {
  const video = { ...file.video, lastSeenAt: 5 };
  const note = {
    id: '01890a5d-ac96-774b-bcce-b302099a8301',
    videoKey: video.key,
    t: 3,
    text: 'Drago lifts',
    tags: [],
    createdAt: 1,
    updatedAt: 1,
    deleted: false,
  };

  it('writes each video the file its own export gives, notes handed over in parts', async () => {
    const zip = new MarkdownZip();
    const videos = new Map([[video.key, video]]);
    const later = { ...note, id: '01890a5d-ac96-774b-bcce-b302099a8302', t: 1, text: 'Run' };
    zip.addNotes([note, { ...note, id: 'gone', deleted: true }], videos);
    zip.addNotes([later, { ...note, id: 'other', videoKey: 'yt:AAAAAAAAAAA' }], videos);
    expect(zip.hasNotes(video.key)).toBe(true);
    expect(zip.hasNotes('yt:AAAAAAAAAAA')).toBe(false);
    const zipped = zip.file([{ video, cards: [], decks: [] }], at);
    expect(zipped.videoCount).toBe(1);
    const entries = unzipSync(new Uint8Array(await (zipped.data as Blob).arrayBuffer()));
    expect(Object.keys(entries)).toEqual(['Rocky IV training montage.md']);
    expect(strFromU8(entries['Rocky IV training montage.md']!)).toBe(
      videoToMarkdown({ video, notes: [later, note], cards: [], decks: [] }, at),
    );
  });
});
