import type { BackupContents } from './formats/backup';
import type { ImportBatch } from './formats/batch';
import type { DeckFile } from './formats/deck-file';
import type { CardRecord, DeckRecord, NoteRecord, VideoRecord } from './records';
import { tagsOf } from './records';
import { type CuecardsDatabase, type ImportOutcome, touchVideo } from './store';

/** Everything about one video that an export writes. */
export interface VideoContents {
  video: VideoRecord;
  notes: NoteRecord[];
  cards: CardRecord[];
  decks: DeckRecord[];
}

const byTime = (a: NoteRecord, b: NoteRecord) => a.t - b.t || a.createdAt - b.createdAt;
const byStart = (a: CardRecord, b: CardRecord) => a.start - b.start || a.createdAt - b.createdAt;

function groupByVideo<T extends { videoKey: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.videoKey);
    if (group) group.push(item);
    else groups.set(item.videoKey, [item]);
  }
  return groups;
}

/**
 * The live notes, cards and decks of the given videos (all videos when `keys` is absent),
 * newest first. Reads each table once: grouping in memory is far faster than a query per
 * video at thousands of videos.
 */
export async function videoContents(
  db: CuecardsDatabase,
  keys?: readonly string[],
): Promise<VideoContents[]> {
  const wanted = keys ? new Set(keys) : undefined;
  const { videos, notes, cards, decks } = keys
    ? await db.transaction('r', db.videos, db.notes, db.cards, db.decks, () =>
        Promise.all([
          db.videos.bulkGet([...keys]),
          db.notes
            .where('videoKey')
            .anyOf([...keys])
            .toArray(),
          db.cards
            .where('videoKey')
            .anyOf([...keys])
            .toArray(),
          db.decks
            .where('videoKey')
            .anyOf([...keys])
            .toArray(),
        ]).then(([videos, notes, cards, decks]) => ({
          videos: videos.filter((video) => video !== undefined),
          notes,
          cards,
          decks,
        })),
      )
    : await readEverything(db);
  const liveDecks = decks.filter((deck) => !deck.deleted);
  const liveDeckIds = new Set(liveDecks.map((deck) => deck.id));
  const notesOf = groupByVideo(notes.filter((note) => !note.deleted));
  const cardsOf = groupByVideo(
    cards.filter((card) => !card.deleted && liveDeckIds.has(card.deckId)),
  );
  const decksOf = groupByVideo(liveDecks);
  return videos
    .filter((video) => !wanted || wanted.has(video.key))
    .sort((a, b) => b.lastSeenAt - a.lastSeenAt)
    .map((video) => ({
      video,
      notes: (notesOf.get(video.key) ?? []).sort(byTime),
      cards: (cardsOf.get(video.key) ?? []).sort(byStart),
      decks: decksOf.get(video.key) ?? [],
    }))
    .filter((contents) => contents.notes.length > 0 || contents.cards.length > 0);
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

/**
 * Restores a validated backup in one transaction, merging with what is there: a row is
 * written when it is new or newer (by updatedAt), so restoring twice adds nothing and a
 * restore never undoes a later edit. Rows go in exactly as they were backed up.
 */
export async function restoreEverything(
  db: CuecardsDatabase,
  backup: BackupContents,
): Promise<RestoreOutcome> {
  return db.transaction('rw', db.videos, db.notes, db.cards, db.decks, async () => {
    const storedVideos = await db.videos.bulkGet(backup.videos.map((video) => video.key));
    const videos = backup.videos.flatMap((video, i): VideoRecord[] => {
      const stored = storedVideos[i];
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
    await Promise.all([
      db.videos.bulkPut(videos),
      db.notes.bulkPut(notes),
      db.cards.bulkPut(cards),
      db.decks.bulkPut(decks),
    ]);
    const total =
      backup.videos.length + backup.notes.length + backup.cards.length + backup.decks.length;
    const written = videos.length + notes.length + cards.length + decks.length;
    return {
      videos: videos.length,
      notes: notes.length,
      cards: cards.length,
      decks: decks.length,
      unchanged: total - written,
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
  await touchVideo(db, file.video.key, at, file.video);
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
  return db.transaction('rw', db.decks, db.cards, db.videos, () =>
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
  return db.transaction('rw', db.videos, db.notes, db.cards, db.decks, async () => {
    for (const video of batch.videos) await touchVideo(db, video.key, at, video);
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
