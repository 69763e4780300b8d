// Pure: every export as a file to hand over, with its name and type.
import { i18n } from '#i18n';
import type { NoteRecord, VideoAnnotations, VideoInfo, VideoRecord } from '../model/records';
import { localDate } from '../timeline/time';
import { type BackupContents, serializeBackup } from './backup';
import { type DeckFile, serializeDeckFile } from './deck-file';
import { MarkdownFile, markdownFileName, uniqueFileNames, videoToMarkdown } from './markdown';
import { toWebAnnotations } from './web-annotation';
import { cardsToWebVtt } from './webvtt';
import { zipTextFiles } from './zip';

/**
 * The files the viewer downloads or copies: each format's text with its file name and type.
 * Pure, like the formats: the store reads the rows, these turn them into files.
 */

/** A file ready to hand to the viewer. */
export interface ExportFile {
  name: string;
  type: string;
  data: string | Uint8Array<ArrayBuffer> | Blob;
}

const markdownType = 'text/markdown;charset=utf-8';

/** One video's notes and cards as Markdown. */
export function markdownFileFrom(contents: VideoAnnotations, at: Date): ExportFile {
  return {
    name: markdownFileName(contents.video),
    type: markdownType,
    data: videoToMarkdown(contents, at),
  };
}

/**
 * Markdown files of many videos, zipped. Each note is written as soon as it is handed over,
 * so an export can write one part of the notes while the browser reads the next; only the
 * files are put together once all are in.
 */
export class MarkdownZip {
  readonly #files = new Map<string, MarkdownFile>();

  /** Writes the live notes among `notes` into the files of their videos. */
  addNotes(notes: readonly NoteRecord[], videos: ReadonlyMap<string, VideoRecord>): void {
    for (const note of notes) {
      if (note.deleted) continue;
      let file = this.#files.get(note.videoKey);
      if (!file) {
        const video = videos.get(note.videoKey);
        if (!video) continue;
        file = new MarkdownFile(video);
        this.#files.set(note.videoKey, file);
      }
      file.addNote(note);
    }
  }

  /** Whether a live note of the video was added. */
  hasNotes(videoKey: string): boolean {
    return this.#files.has(videoKey);
  }

  /** The archive of one file per video, in the order given, with the cards of each. */
  file(
    videos: readonly Omit<VideoAnnotations, 'notes'>[],
    at: Date,
  ): ExportFile & { videoCount: number } {
    const files = this.#files;
    const names = uniqueFileNames(videos.map(({ video }) => markdownFileName(video)));
    // One file's text at a time: it is encoded into the archive before the next is written.
    function* texts() {
      for (const [i, { video, cards, decks }] of videos.entries()) {
        const file = files.get(video.key) ?? new MarkdownFile(video);
        yield { name: names[i]!, text: file.write(cards, decks, at) };
      }
    }
    const type = 'application/zip';
    return {
      name: `${i18n.t('file.notesZip', [localDate(at)])}.zip`,
      type,
      data: new Blob(zipTextFiles(texts(), at), { type }),
      videoCount: videos.length,
    };
  }
}

export function backupFileFrom(contents: BackupContents, at: Date): ExportFile {
  return {
    name: `${i18n.t('file.backup', [localDate(at)])}.json`,
    type: 'application/json',
    data: serializeBackup(contents),
  };
}

export function webAnnotationsFileFrom(
  items: readonly VideoAnnotations<VideoInfo>[],
  at: Date,
): ExportFile {
  return {
    name: `${i18n.t('file.annotations', [localDate(at)])}.jsonld`,
    type: 'application/ld+json',
    data: toWebAnnotations(items),
  };
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

/** A title as the start of a file name, made safe as Markdown files' names are. */
function fileStem(title: string): string {
  return markdownFileName({ key: 'deck', title, provider: 'web', url: '', lastSeenAt: 0 }).slice(
    0,
    -'.md'.length,
  );
}
