// The store's reads behind each export.
import { type DeckFile, deckFileFrom } from '../formats/deck-file';
import {
  backupFileFrom,
  type ExportFile,
  MarkdownZip,
  markdownFileFrom,
  webAnnotationsFileFrom,
} from '../formats/files';
import type { VideoInfo, VideoRecord } from '../model/records';
import { groupForExport, readEverything, readForExport, videoContents } from './bulk';
import type { CuecardsDatabase } from './database';

/** The reads behind each export; the files themselves are made by formats/files. */

/** One video's notes and cards as Markdown, or undefined when it has none. */
export async function videoMarkdown(
  db: CuecardsDatabase,
  key: string,
  at = new Date(),
): Promise<ExportFile | undefined> {
  const [contents] = await videoContents(db, [key]);
  return contents && markdownFileFrom(contents, at);
}

/** Every video with notes or cards (or the chosen ones) as one Markdown file each, zipped. */
export async function markdownZip(
  db: CuecardsDatabase,
  at: Date,
  keys?: readonly string[],
): Promise<ExportFile & { videoCount: number }> {
  const zip = new MarkdownZip();
  const rows = await readForExport(db, keys, (notes, videos) => zip.addNotes(notes, videos));
  return zip.file(
    groupForExport(rows, (key) => zip.hasNotes(key)),
    at,
  );
}

export async function backupFile(db: CuecardsDatabase, at: Date): Promise<ExportFile> {
  return backupFileFrom(await readEverything(db), at);
}

export async function webAnnotationsFile(
  db: CuecardsDatabase,
  at: Date,
  keys?: readonly string[],
): Promise<ExportFile> {
  return webAnnotationsFileFrom(await videoContents(db, keys), at);
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
