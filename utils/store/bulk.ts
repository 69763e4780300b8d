// The store's bulk reads and writes: exports read in parts, restores and imports written in one transaction.
import type { Table } from 'dexie';
import type { BackupContents } from '../formats/backup';
import type { ImportBatch } from '../formats/batch';
import type { DeckFile } from '../formats/deck-file';
import { idRangeBounds } from '../model/ids';
import type {
  CardRecord,
  DeckRecord,
  NoteRecord,
  VideoAnnotations,
  VideoRecord,
} from '../model/records';
import { tagsOf } from '../model/records';
import { videoUrlFor } from '../model/video-key';
import { type CuecardsDatabase, type ImportOutcome, notesOfVideos, touchVideo } from './database';

const byTime = (a: NoteRecord, b: NoteRecord) => a.t - b.t || a.createdAt - b.createdAt;
const byStart = (a: CardRecord, b: CardRecord) => a.start - b.start || a.createdAt - b.createdAt;

function groupByVideo<T extends { videoKey: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) addTo(groups, item.videoKey, item);
  return groups;
}

/** Adds `item` to the list kept under `key`, starting the list when there is none. */
function addTo<T>(lists: Map<string, T[]>, key: string, item: T): void {
  const list = lists.get(key);
  if (list) list.push(item);
  else lists.set(key, [item]);
}

/**
 * The live notes, cards and decks of the given videos (all videos when `keys` is absent),
 * newest first. Reads each table once: grouping in memory is far faster than a query per
 * video at thousands of videos.
 */
export async function videoContents(
  db: CuecardsDatabase,
  keys?: readonly string[],
): Promise<VideoAnnotations[]> {
  const notesOf = new Map<string, NoteRecord[]>();
  const rows = await readForExport(db, keys, (notes) => {
    for (const note of notes) {
      if (!note.deleted) addTo(notesOf, note.videoKey, note);
    }
  });
  for (const notes of notesOf.values()) notes.sort(byTime);
  return groupForExport(rows, (key) => notesOf.has(key)).map((contents) => ({
    ...contents,
    notes: notesOf.get(contents.video.key) ?? [],
  }));
}

/** What an export reads besides the notes, which it is handed in parts. */
export interface ExportRows {
  videos: VideoRecord[];
  cards: CardRecord[];
  decks: DeckRecord[];
}

// At 100,000 notes, parts of about 3,000: the page works on one while the browser reads the
// next, and each part's rows are garbage soon after they arrive. Fewer parts were slower when
// the page's heap is kept small (which Chromium does for some launches and not others).
const noteParts = 32;

/**
 * Reads the videos, cards and decks of the given videos (all when `keys` is absent) and hands
 * their notes, tombstones included, to `onNotes` part by part as the parts arrive, with the
 * videos by key. Notes are nearly all of the data: an export that works on each part as it
 * comes finishes about when the last one is read.
 */
export async function readForExport(
  db: CuecardsDatabase,
  keys: readonly string[] | undefined,
  onNotes: (notes: NoteRecord[], videos: ReadonlyMap<string, VideoRecord>) => void,
): Promise<ExportRows> {
  return db.transaction('r', db.videos, db.notes, db.cards, db.decks, async () => {
    const videosRead = keys
      ? db.videos.bulkGet([...keys]).then((videos) => videos.filter((video) => video !== undefined))
      : db.videos.toArray();
    const cardsRead = rowsOfVideos(db.cards, keys);
    const decksRead = rowsOfVideos(db.decks, keys);
    const videosByKey = videosRead.then(
      (videos) => new Map(videos.map((video) => [video.key, video])),
    );
    const parts = keys ? [notesOfVideos(db, keys)] : await notesInParts(db);
    await Promise.all(
      parts.map((part) =>
        Promise.all([part, videosByKey]).then(([notes, videos]) => onNotes(notes, videos)),
      ),
    );
    const [videos, cards, decks] = await Promise.all([videosRead, cardsRead, decksRead]);
    return { videos, cards, decks };
  });
}

/** The rows of the given videos (all rows when `keys` is absent) of a table with a videoKey index. */
function rowsOfVideos<T, Insert>(
  table: Table<T, string, Insert>,
  keys: readonly string[] | undefined,
): Promise<T[]> {
  return keys
    ? table
        .where('videoKey')
        .anyOf([...keys])
        .toArray()
    : table.toArray();
}

/** Every note, read as ranges of ids at once: IndexedDB serves them faster than one read. */
export async function notesInParts(db: CuecardsDatabase): Promise<Promise<NoteRecord[]>[]> {
  const [[first], [last]] = await Promise.all([
    db.notes.orderBy(':id').limit(1).primaryKeys(),
    db.notes.orderBy(':id').reverse().limit(1).primaryKeys(),
  ]);
  const bounds = first && last ? idRangeBounds(first, last, noteParts) : [];
  if (bounds.length === 0) return [db.notes.toArray()];
  const byId = () => db.notes.where(':id');
  return [
    byId().below(bounds[0]!).toArray(),
    ...bounds.slice(1).map((upper, i) => byId().between(bounds[i]!, upper, true, false).toArray()),
    byId().aboveOrEqual(bounds.at(-1)!).toArray(),
  ];
}

/**
 * The videos that have live notes (as the caller knows) or live cards, newest first, each
 * with its live cards of live decks in time order and its live decks; the notes are the
 * caller's.
 */
export function groupForExport(
  { videos, cards, decks }: ExportRows,
  hasNotes: (videoKey: string) => boolean,
): Omit<VideoAnnotations, 'notes'>[] {
  const liveDecks = decks.filter((deck) => !deck.deleted);
  const liveDeckIds = new Set(liveDecks.map((deck) => deck.id));
  const cardsOf = groupByVideo(
    cards.filter((card) => !card.deleted && liveDeckIds.has(card.deckId)),
  );
  const decksOf = groupByVideo(liveDecks);
  return [...videos]
    .sort((a, b) => b.lastSeenAt - a.lastSeenAt)
    .map((video) => ({
      video,
      cards: (cardsOf.get(video.key) ?? []).sort(byStart),
      decks: decksOf.get(video.key) ?? [],
    }))
    .filter(({ video, cards }) => cards.length > 0 || hasNotes(video.key));
}

/** Every row of every table, tombstones included: what a backup holds. */
export async function readEverything(db: CuecardsDatabase): Promise<BackupContents> {
  return db.transaction('r', db.videos, db.notes, db.cards, db.decks, async () => {
    const [videos, notes, cards, decks] = await Promise.all([
      db.videos.toArray(),
      db.notes.toArray(),
      db.cards.toArray(),
      db.decks.toArray(),
    ]);
    return { videos, notes, cards, decks };
  });
}

export interface RestoreOutcome {
  videos: number;
  notes: number;
  cards: number;
  decks: number;
  /** Rows the store already had in the same or a newer version. */
  unchanged: number;
}

/** Rows of `incoming` that are new or newer than what `table` holds, by id and updatedAt. */
async function newerRows<T extends { id: string; updatedAt: number }>(
  table: { bulkGet(keys: string[]): Promise<(T | undefined)[]>; count(): Promise<number> },
  incoming: readonly T[],
): Promise<T[]> {
  // Restoring into an empty store (a new browser, after a wipe) needs no lookups at all.
  if ((await table.count()) === 0) return [...incoming];
  const stored = await table.bulkGet(incoming.map((row) => row.id));
  return incoming.filter((row, i) => {
    const current = stored[i];
    return !current || current.updatedAt < row.updatedAt;
  });
}

/** Rows per write of a restore: each one written is reported, and the page draws between. */
const restoreChunk = 5_000;

/** The rows as writes of up to restoreChunk rows each, each resolving with its count. */
function chunkedPuts<T>(
  table: { bulkPut(rows: readonly T[]): Promise<unknown> },
  rows: readonly T[],
): (() => Promise<number>)[] {
  return Array.from({ length: Math.ceil(rows.length / restoreChunk) }, (_, i) => {
    const chunk = rows.slice(i * restoreChunk, (i + 1) * restoreChunk);
    return () => table.bulkPut(chunk).then(() => chunk.length);
  });
}

/**
 * Restores a validated backup in one transaction, merging with what is there: a row is
 * written when it is new or newer (by updatedAt), so restoring twice adds nothing and a
 * restore never undoes a later edit. Rows go in exactly as they were backed up. A large
 * backup takes seconds to write, so `onProgress` hears of each chunk written.
 */
export async function restoreEverything(
  db: CuecardsDatabase,
  backup: BackupContents,
  onProgress?: (written: number, total: number) => void,
): Promise<RestoreOutcome> {
  return db.transaction('rw', db.journal, db.videos, db.notes, db.cards, db.decks, async () => {
    const storedVideos = await db.videos.bulkGet(backup.videos.map((video) => video.key));
    const videos = backup.videos.flatMap((backedUp, i): VideoRecord[] => {
      const stored = storedVideos[i];
      // A backup names its videos' addresses too: only one of the key's is kept.
      const url = videoUrlFor(backedUp.key, backedUp.url) ?? stored?.url;
      if (!url) return [];
      const video = { ...backedUp, url };
      if (!stored) return [video];
      if (stored.lastSeenAt >= video.lastSeenAt) return [];
      // A newer visit wins, but a title or duration learnt before is kept.
      const merged: VideoRecord = { ...video, title: video.title || stored.title };
      const duration = video.duration ?? stored.duration;
      if (duration !== undefined) merged.duration = duration;
      return [merged];
    });
    const [notes, cards, decks] = await Promise.all([
      newerRows(db.notes, backup.notes),
      newerRows(db.cards, backup.cards),
      newerRows(db.decks, backup.decks),
    ]);
    const chunks = [
      ...chunkedPuts(db.videos, videos),
      ...chunkedPuts(db.decks, decks),
      ...chunkedPuts(db.cards, cards),
      ...chunkedPuts(db.notes, notes),
    ];
    const total = videos.length + notes.length + cards.length + decks.length;
    let written = 0;
    // Two writes in flight: the database has the next one queued while the page hears of one.
    const inFlight: Promise<number>[] = [];
    const settle = async () => {
      written += await inFlight.shift()!;
      onProgress?.(written, total);
    };
    for (const put of chunks) {
      inFlight.push(put());
      if (inFlight.length === 2) await settle();
    }
    while (inFlight.length > 0) await settle();
    const offered =
      backup.videos.length + backup.notes.length + backup.cards.length + backup.decks.length;
    return {
      videos: videos.length,
      notes: notes.length,
      cards: cards.length,
      decks: decks.length,
      unchanged: offered - total,
    };
  });
}

/** Writes one deck file; the caller holds a transaction over decks, cards and videos. */
async function writeDeckFile(
  db: CuecardsDatabase,
  file: DeckFile,
  from: string,
  at: number,
): Promise<ImportOutcome> {
  const storedDeck = await db.decks.get(file.deck.id);
  if (!storedDeck || storedDeck.updatedAt <= file.deck.updatedAt) {
    await db.decks.put({
      ...file.deck,
      videoKey: file.video.key,
      origin: { kind: 'imported', from },
      enabled: storedDeck?.enabled ?? true,
      deleted: false,
    });
  }
  const fresh = await newerRows(db.cards, file.cards);
  await db.cards.bulkPut(
    fresh.map((card) => {
      const record: CardRecord = {
        ...card,
        deckId: file.deck.id,
        videoKey: file.video.key,
        deleted: false,
      };
      if (record.link === undefined) delete record.link;
      if (record.source === undefined) delete record.source;
      return record;
    }),
  );
  await touchVideo(db, file.video.key, at, file.video, { isImport: true });
  return { deckId: file.deck.id, cardsWritten: fresh.length };
}

/**
 * Writes a validated deck file in one transaction, merging by id and updatedAt, so importing
 * the same file twice adds nothing. The deck is marked imported, with where it came from.
 */
export function importDeck(
  db: CuecardsDatabase,
  file: DeckFile,
  from: string,
  at = Date.now(),
): Promise<ImportOutcome> {
  return db.transaction('rw', db.journal, db.decks, db.cards, db.videos, () =>
    writeDeckFile(db, file, from, at),
  );
}

export interface BatchOutcome {
  notes: number;
  decks: number;
  cards: number;
  unchanged: number;
}

/**
 * Writes what an importer validated, in one transaction, merging by id and updatedAt like
 * every other write: importing the same file twice adds nothing.
 */
export async function importBatch(
  db: CuecardsDatabase,
  batch: ImportBatch,
  from: string,
  at = Date.now(),
): Promise<BatchOutcome> {
  return db.transaction('rw', db.journal, db.videos, db.notes, db.cards, db.decks, async () => {
    for (const video of batch.videos) {
      await touchVideo(db, video.key, at, video, { isImport: true });
    }
    const notes = await newerRows(db.notes, batch.notes);
    const stored = await db.notes.bulkGet(notes.map((note) => note.id));
    await db.notes.bulkPut(
      notes.map((note, i) => ({
        ...note,
        createdAt: stored[i]?.createdAt ?? note.createdAt,
        tags: tagsOf(note.text),
        deleted: false,
      })),
    );
    let cards = 0;
    let cardsOffered = 0;
    for (const file of batch.decks) {
      cards += (await writeDeckFile(db, file, from, at)).cardsWritten;
      cardsOffered += file.cards.length;
    }
    return {
      notes: notes.length,
      decks: batch.decks.length,
      cards,
      unchanged: batch.notes.length - notes.length + cardsOffered - cards,
    };
  });
}
