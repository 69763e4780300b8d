import { i18n } from '#i18n';
import { serializeBackup } from '../formats/backup';
import { type DeckFile, deckFileFrom, serializeDeckFile } from '../formats/deck-file';
import {
  MarkdownFile,
  markdownFileName,
  uniqueFileNames,
  videoToMarkdown,
} from '../formats/markdown';
import { toWebAnnotations } from '../formats/web-annotation';
import { cardsToWebVtt } from '../formats/webvtt';
import { zipTextFiles } from '../formats/zip';
import type { VideoInfo, VideoRecord } from '../model/records';
import { localDate } from '../timeline/time';
import { groupForExport, readEverything, readForExport, videoContents } from './bulk';
import type { CuecardsDatabase } from './database';

/** A file ready to hand to the viewer. */
export interface ExportFile {
  name: string;
  type: string;
  data: string | Uint8Array<ArrayBuffer> | Blob;
}

const markdownType = 'text/markdown;charset=utf-8';

/** One video's notes and cards as Markdown, or undefined when it has none. */
export async function videoMarkdown(
  db: CuecardsDatabase,
  key: string,
  at = new Date(),
): Promise<ExportFile | undefined> {
  const [contents] = await videoContents(db, [key]);
  if (!contents) return undefined;
  return {
    name: markdownFileName(contents.video),
    type: markdownType,
    data: videoToMarkdown(contents, at),
  };
}

/** Every video with notes or cards (or the chosen ones) as one Markdown file each, zipped. */
export async function markdownZip(
  db: CuecardsDatabase,
  at: Date,
  keys?: readonly string[],
): Promise<ExportFile & { videoCount: number }> {
  // Each note is written as soon as its part of the notes is read, while the browser reads
  // the next part; only the files are put together once all are in.
  const files = new Map<string, MarkdownFile>();
  const rows = await readForExport(db, keys, (notes, videos) => {
    for (const note of notes) {
      if (note.deleted) continue;
      let file = files.get(note.videoKey);
      if (!file) {
        const video = videos.get(note.videoKey);
        if (!video) continue;
        file = new MarkdownFile(video);
        files.set(note.videoKey, file);
      }
      file.addNote(note);
    }
  });
  const contents = groupForExport(rows, (key) => files.has(key));
  const names = uniqueFileNames(contents.map(({ video }) => markdownFileName(video)));
  // One file's text at a time: it is encoded into the archive before the next is written.
  function* texts() {
    for (const [i, { video, cards, decks }] of contents.entries()) {
      const file = files.get(video.key) ?? new MarkdownFile(video);
      yield { name: names[i]!, text: file.write(cards, decks, at) };
    }
  }
  const type = 'application/zip';
  return {
    name: `${i18n.t('file.notesZip', [localDate(at)])}.zip`,
    type,
    data: new Blob(zipTextFiles(texts(), at), { type }),
    videoCount: contents.length,
  };
}

export async function backupFile(db: CuecardsDatabase, at: Date): Promise<ExportFile> {
  return {
    name: `${i18n.t('file.backup', [localDate(at)])}.json`,
    type: 'application/json',
    data: serializeBackup(await readEverything(db)),
  };
}

export async function webAnnotationsFile(
  db: CuecardsDatabase,
  at: Date,
  keys?: readonly string[],
): Promise<ExportFile> {
  const contents = await videoContents(db, keys);
  return {
    name: `${i18n.t('file.annotations', [localDate(at)])}.jsonld`,
    type: 'application/ld+json',
    data: toWebAnnotations(contents.map((item) => ({ ...item, video: videoInfo(item.video) }))),
  };
}

/** The deck as the versioned file a friend can import, or undefined when it is gone. */
export async function deckFileOf(
  db: CuecardsDatabase,
  deckId: string,
): Promise<DeckFile | undefined> {
  const deck = await db.decks.get(deckId);
  if (!deck || deck.deleted) return undefined;
  const [video, cards] = await Promise.all([
    db.videos.get(deck.videoKey),
    db.cards.where('deckId').equals(deckId).toArray(),
  ]);
  if (!video) return undefined;
  const live = cards.filter((card) => !card.deleted).sort((a, b) => a.start - b.start);
  return deckFileFrom(videoInfo(video), deck, live);
}

export function deckJsonFile(file: DeckFile): ExportFile {
  return {
    name: `${fileStem(file.deck.title)}.cuecards.json`,
    type: 'application/json',
    data: serializeDeckFile(file),
  };
}

export function deckWebVttFile(file: DeckFile): ExportFile {
  return {
    name: `${fileStem(file.deck.title)}.vtt`,
    type: 'text/vtt',
    data: cardsToWebVtt(
      file.video,
      file.deck,
      file.cards.map((card) => ({
        ...card,
        deckId: file.deck.id,
        videoKey: file.video.key,
        deleted: false,
      })),
    ),
  };
}

function fileStem(title: string): string {
  return markdownFileName({ key: 'deck', title, provider: 'web', url: '', lastSeenAt: 0 }).slice(
    0,
    -'.md'.length,
  );
}

function videoInfo(video: VideoRecord): VideoInfo {
  const info: VideoInfo = {
    key: video.key,
    provider: video.provider,
    title: video.title,
    url: video.url,
  };
  if (video.duration !== undefined) info.duration = video.duration;
  return info;
}
