// The store's reads and writes for the library: its list of videos, bulk delete and undo, rename, merge.
import { Dexie } from 'dexie';
import { i18n } from '#i18n';
import {
  type CardRecord,
  type DeckRecord,
  limits,
  type NoteRecord,
  type VideoRecord,
} from '../model/records';
import { type CuecardsDatabase, notesOfVideos } from './database';

/** A row of the library's list of videos. */
export interface LibraryVideo {
  video: VideoRecord;
  noteCount: number;
  cardCount: number;
  /** The time of the first live note, where "open" starts the video. */
  firstNoteAt: number | undefined;
}

/**
 * Videos with live notes or cards, most recently annotated first, `limit` at a time from
 * `offset` in that order. Counts come from the compound indexes of one video at a time, so a
 * page of the list costs the same at 100 notes as at 100,000.
 */
export async function libraryVideos(
  db: CuecardsDatabase,
  offset: number,
  limit: number,
): Promise<{ videos: LibraryVideo[]; nextOffset: number | undefined }> {
  return db.transaction('r', db.videos, db.notes, db.cards, db.decks, async () => {
    const rows: LibraryVideo[] = [];
    let at = offset;
    const total = await db.videos.count();
    // Videos whose notes were all deleted are skipped, so read on until the page is full.
    while (rows.length < limit && at < total) {
      const batch = await db.videos
        .orderBy('lastSeenAt')
        .reverse()
        .offset(at)
        .limit(limit)
        .toArray();
      at += batch.length;
      if (batch.length === 0) break;
      const counted = await Promise.all(batch.map((video) => countsOf(db, video)));
      rows.push(
        ...counted.filter((row) => row.noteCount + row.cardCount > 0).slice(0, limit - rows.length),
      );
    }
    return { videos: rows, nextOffset: at < total ? at : undefined };
  });
}

async function countsOf(db: CuecardsDatabase, video: VideoRecord): Promise<LibraryVideo> {
  const range = [
    [video.key, Dexie.minKey],
    [video.key, Dexie.maxKey],
  ] as const;
  const [notes, cards, decks] = await Promise.all([
    db.notes
      .where('[videoKey+t]')
      .between(...range)
      .toArray(),
    db.cards
      .where('[videoKey+start]')
      .between(...range)
      .toArray(),
    db.decks.where('videoKey').equals(video.key).toArray(),
  ]);
  const liveDecks = new Set(decks.filter((deck) => !deck.deleted).map((deck) => deck.id));
  const liveNotes = notes.filter((note) => !note.deleted);
  return {
    video,
    noteCount: liveNotes.length,
    cardCount: cards.filter((card) => !card.deleted && liveDecks.has(card.deckId)).length,
    firstNoteAt: liveNotes[0]?.t,
  };
}

/** Every video, most recently annotated first. */
export function videosByLastSeen(db: CuecardsDatabase): Promise<VideoRecord[]> {
  return db.videos.orderBy('lastSeenAt').reverse().toArray();
}

/** Whether any note was ever written, a deleted one too: one row is enough to know. */
export async function hasAnyNote(db: CuecardsDatabase): Promise<boolean> {
  return (await db.notes.limit(1).count()) > 0;
}

/**
 * Every tag of every note (deleted ones' too), in order. Walks the whole tag index: at
 * 100,000 notes, not something to read before the library's first paint.
 */
export function tagsInUse(db: CuecardsDatabase): Promise<string[]> {
  return db.notes.orderBy('tags').uniqueKeys() as Promise<string[]>;
}

/** The notes that carry the tag, tombstones included. */
export function notesTagged(db: CuecardsDatabase, tag: string): Promise<NoteRecord[]> {
  return db.notes.where('tags').equals(tag).toArray();
}

/** Rows of every table, or of part of them, for the search index to take in. */
export interface SearchRows {
  videos: readonly VideoRecord[];
  notes: readonly NoteRecord[];
  cards: readonly CardRecord[];
  decks: readonly DeckRecord[];
}

/**
 * The notes and cards written at or after `since` (by updatedAt, tombstones included), with
 * every video and deck, which are few: what the search index reads again after a change.
 * A write stamped exactly `since` is read again rather than missed.
 */
export function rowsChangedSince(db: CuecardsDatabase, since: number): Promise<SearchRows> {
  return db.transaction('r', db.videos, db.notes, db.cards, db.decks, async () => {
    const [notes, cards, videos, decks] = await Promise.all([
      db.notes.where('updatedAt').aboveOrEqual(since).toArray(),
      db.cards.where('updatedAt').aboveOrEqual(since).toArray(),
      db.videos.toArray(),
      db.decks.toArray(),
    ]);
    return { videos, notes, cards, decks };
  });
}

/** What a bulk delete took away, so undo can bring back exactly that. */
export interface DeletedItems {
  noteIds: string[];
  cardIds: string[];
}

/** Deletes (as tombstones) every live note and card of the videos, in one transaction. */
export async function deleteVideos(
  db: CuecardsDatabase,
  keys: readonly string[],
  at: number,
): Promise<DeletedItems> {
  return db.transaction('rw', db.journal, db.notes, db.cards, async () => {
    const [notes, cards] = await Promise.all([
      notesOfVideos(db, keys),
      db.cards
        .where('videoKey')
        .anyOf([...keys])
        .toArray(),
    ]);
    const liveNotes = notes.filter((note) => !note.deleted);
    const liveCards = cards.filter((card) => !card.deleted);
    await db.notes.bulkPut(liveNotes.map((note) => ({ ...note, deleted: true, updatedAt: at })));
    await db.cards.bulkPut(liveCards.map((card) => ({ ...card, deleted: true, updatedAt: at })));
    return {
      noteIds: liveNotes.map((note) => note.id),
      cardIds: liveCards.map((card) => card.id),
    };
  });
}

/** Undoes a bulk delete; an item edited since (a newer write) is left as it is. */
export async function restoreDeleted(
  db: CuecardsDatabase,
  items: DeletedItems,
  at: number,
): Promise<void> {
  await db.transaction('rw', db.journal, db.notes, db.cards, async () => {
    const [notes, cards] = await Promise.all([
      db.notes.bulkGet(items.noteIds),
      db.cards.bulkGet(items.cardIds),
    ]);
    await db.notes.bulkPut(
      notes.flatMap((note) =>
        note && note.updatedAt <= at ? [{ ...note, deleted: false, updatedAt: at }] : [],
      ),
    );
    await db.cards.bulkPut(
      cards.flatMap((card) =>
        card && card.updatedAt <= at ? [{ ...card, deleted: false, updatedAt: at }] : [],
      ),
    );
  });
}

/** Gives a video the viewer's own title; the page's title no longer replaces it. */
export async function renameVideo(db: CuecardsDatabase, key: string, title: string) {
  const trimmed = title.trim().slice(0, limits.title);
  await db.transaction('rw', db.journal, db.videos, async () => {
    const stored = await db.videos.get(key);
    if (!stored) return;
    await db.videos.put({ ...stored, title: trimmed, renamed: true });
  });
}

/**
 * Moves everything of one video key to another (a page that embeds a video and the
 * video's own page, say) and forgets the first key. Moved items are stamped `at`, so other
 * devices take the move over older copies.
 */
export async function mergeVideos(
  db: CuecardsDatabase,
  from: string,
  into: string,
  at: number,
): Promise<{ notes: number; cards: number }> {
  if (from === into) return { notes: 0, cards: 0 };
  return db.transaction('rw', db.journal, db.videos, db.notes, db.cards, db.decks, async () => {
    const [source, target] = await Promise.all([db.videos.get(from), db.videos.get(into)]);
    if (!source || !target) throw new Error(i18n.t('videos.gone'));
    const [notes, cards, decks] = await Promise.all([
      notesOfVideos(db, [from]),
      db.cards.where('videoKey').equals(from).toArray(),
      db.decks.where('videoKey').equals(from).toArray(),
    ]);
    const ownInto = (await db.decks.where('videoKey').equals(into).toArray()).find(
      (deck) => deck.origin.kind === 'own' && !deck.deleted,
    );
    // Two "My cards" decks would make two own decks: the source's own cards join the target's.
    const mergedOwn = decks.find((deck) => deck.origin.kind === 'own' && !deck.deleted);
    const deckOf = (deckId: string) =>
      ownInto && mergedOwn && deckId === mergedOwn.id ? ownInto.id : deckId;
    await db.notes.bulkPut(notes.map((note) => ({ ...note, videoKey: into, updatedAt: at })));
    await db.cards.bulkPut(
      cards.map((card) => ({
        ...card,
        videoKey: into,
        deckId: deckOf(card.deckId),
        updatedAt: at,
      })),
    );
    await db.decks.bulkPut(
      decks.map((deck) =>
        ownInto && deck.id === mergedOwn?.id
          ? { ...deck, videoKey: into, deleted: true, updatedAt: at }
          : { ...deck, videoKey: into, updatedAt: at },
      ),
    );
    await db.videos.put({ ...target, lastSeenAt: Math.max(target.lastSeenAt, source.lastSeenAt) });
    await db.videos.delete(from);
    const live = <T extends { deleted: boolean }>(items: T[]) =>
      items.filter((item) => !item.deleted).length;
    return { notes: live(notes), cards: live(cards) };
  });
}
