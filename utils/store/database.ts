// The Dexie database and its per-record writes and reads: the only code, with its siblings, that touches the tables.
import { Dexie, type EntityTable } from 'dexie';
import { i18n } from '#i18n';
import { uuidv7 } from '../model/ids';
import {
  type CardInput,
  type CardRecord,
  type DeckRecord,
  type NoteInput,
  type NoteRecord,
  tagsOf,
  type VideoInfo,
  type VideoRecord,
} from '../model/records';
import { videoUrlFor } from '../model/video-key';
import { type JournalEntry, journalWrites } from './journal';
import type { HeadBucket, OutgoingBatch, SyncStateRow } from './sync-records';

export type CuecardsDatabase = Dexie & {
  videos: EntityTable<VideoRecord, 'key'>;
  notes: EntityTable<NoteRecord, 'id'>;
  cards: EntityTable<CardRecord, 'id'>;
  decks: EntityTable<DeckRecord, 'id'>;
  journal: EntityTable<JournalEntry, 'seq'>;
  heads: EntityTable<HeadBucket, 'bucket'>;
  outgoing: EntityTable<OutgoingBatch, 'sequence'>;
  syncState: EntityTable<SyncStateRow, 'name'>;
};

/**
 * Version 1 holds every table of the design, so cards and decks arrive without a migration.
 * Version 2 drops the notes' own `videoKey` index: `[videoKey+t]` finds a video's notes as
 * well, and each index is one more write for every note (a second, at 100,000 restored).
 * Version 3 adds sync's tables: the journal of changed records, each record's versions (in
 * buckets of records, so a first sync writes thousands of rows, not one per record), the
 * batches sealed for sending, and sync's own state (account, device, clock, progress).
 */
export function openDatabase(name = 'cuecards'): CuecardsDatabase {
  const db = new Dexie(name) as CuecardsDatabase;
  db.version(1).stores({
    videos: 'key, lastSeenAt, provider',
    notes: 'id, videoKey, [videoKey+t], *tags, updatedAt',
    cards: 'id, deckId, videoKey, [videoKey+start], updatedAt',
    decks: 'id, videoKey, updatedAt',
  });
  db.version(2).stores({ notes: 'id, [videoKey+t], *tags, updatedAt' });
  db.version(3).stores({
    journal: '++seq',
    heads: 'bucket',
    outgoing: 'sequence',
    syncState: 'name',
  });
  journalWrites(db);
  return db;
}

export type WriteOutcome = 'written' | 'ignored';

/**
 * Whether a write is older than the stored row, as a retried or replayed write is. A row
 * another device sent may carry a time ahead of this device's clock: it does not block the
 * edits made here meanwhile, which sync orders by its own clock.
 */
const isStale = (stored: { updatedAt: number }, updatedAt: number) =>
  stored.updatedAt > updatedAt && stored.updatedAt <= Date.now();

/**
 * Writes a note (and the video it belongs to) in one transaction. A write older than the
 * stored row is ignored, so a retried or replayed write is harmless.
 */
export async function putNote(
  db: CuecardsDatabase,
  note: NoteInput,
  video?: VideoInfo,
): Promise<WriteOutcome> {
  return db.transaction('rw', db.journal, db.notes, db.videos, async () => {
    const stored = await db.notes.get(note.id);
    if (stored && isStale(stored, note.updatedAt)) return 'ignored';
    await db.notes.put({
      ...note,
      createdAt: stored?.createdAt ?? note.createdAt,
      tags: tagsOf(note.text),
      deleted: false,
    });
    await touchVideo(db, note.videoKey, note.updatedAt, video);
    return 'written';
  });
}

/** Marks a note deleted (a tombstone, so undo and sync can follow) or brings it back. */
export async function setNoteDeleted(
  db: CuecardsDatabase,
  id: string,
  deleted: boolean,
  updatedAt: number,
): Promise<WriteOutcome> {
  return db.transaction('rw', db.journal, db.notes, db.videos, async () => {
    const stored = await db.notes.get(id);
    if (!stored || isStale(stored, updatedAt)) return 'ignored';
    await db.notes.put({ ...stored, deleted, updatedAt });
    if (!deleted) await touchVideo(db, stored.videoKey, updatedAt);
    return 'written';
  });
}

const providerOf = (key: string): VideoRecord['provider'] =>
  key.startsWith('yt:') ? 'youtube' : key.startsWith('vimeo:') ? 'vimeo' : 'web';

/**
 * Records that a video was annotated at `at`, keeping what was learnt of it before. Its
 * address is only ever one of its key's (see videoUrlFor). What an import says of a video
 * (`isImport`) names a new one only: a deck or a file never changes the address or the title
 * of a video the store knows.
 */
export async function touchVideo(
  db: CuecardsDatabase,
  key: string,
  at: number,
  info?: VideoInfo,
  { isImport = false } = {},
): Promise<void> {
  const stored = await db.videos.get(key);
  if (!info && !stored) return;
  const learnt = stored && isImport ? undefined : info;
  const url = stored && isImport ? stored.url : videoUrlFor(key, learnt?.url ?? stored?.url);
  if (!url) return;
  const merged: VideoRecord = {
    key,
    provider: providerOf(key),
    url,
    // A page may not know its title or duration yet; keep what we learnt before, and keep
    // a title the viewer gave.
    title: (stored?.renamed ? stored.title : learnt?.title || stored?.title) ?? '',
    lastSeenAt: Math.max(stored?.lastSeenAt ?? 0, at),
  };
  if (stored?.renamed) merged.renamed = true;
  const duration = learnt?.duration || stored?.duration;
  if (duration) merged.duration = duration;
  await db.videos.put(merged);
}

export function getNote(db: CuecardsDatabase, id: string): Promise<NoteRecord | undefined> {
  return db.notes.get(id);
}

/** Every note of the videos, tombstones included, by video and time. */
export function notesOfVideos(db: CuecardsDatabase, keys: readonly string[]) {
  return db.notes
    .where('[videoKey+t]')
    .inAnyRange(
      keys.map((key) => [
        [key, Dexie.minKey],
        [key, Dexie.maxKey],
      ]),
    )
    .toArray();
}

/** The live notes of one video, in time order. */
export async function notesOfVideo(db: CuecardsDatabase, key: string): Promise<NoteRecord[]> {
  const notes = await db.notes
    .where('[videoKey+t]')
    .between([key, Dexie.minKey], [key, Dexie.maxKey])
    .toArray();
  return notes.filter((note) => !note.deleted);
}

export interface VideoSummary {
  video: VideoRecord;
  noteCount: number;
  firstNoteAt: number | undefined;
}

/** Recently annotated videos, newest first, with their live note counts. */
export async function recentVideos(db: CuecardsDatabase, limit = 20): Promise<VideoSummary[]> {
  const summaries: VideoSummary[] = [];
  // A page of videos at a time, newest first: the popup reads this again after every write,
  // and reading all 5,000 videos each time held up the worker's next turn at the database.
  const pageSize = 2 * limit;
  for (let offset = 0; summaries.length < limit; offset += pageSize) {
    const videos = await db.videos
      .orderBy('lastSeenAt')
      .reverse()
      .offset(offset)
      .limit(pageSize)
      .toArray();
    for (const video of videos) {
      const notes = await notesOfVideo(db, video.key);
      if (notes.length === 0) continue;
      summaries.push({ video, noteCount: notes.length, firstNoteAt: notes[0]?.t });
      if (summaries.length >= limit) break;
    }
    if (videos.length < pageSize) break;
  }
  return summaries;
}

/** The viewer's own deck for a video, made on first use (inside the caller's transaction). */
async function ownDeck(db: CuecardsDatabase, videoKey: string, at: number): Promise<DeckRecord> {
  const decks = await db.decks.where('videoKey').equals(videoKey).toArray();
  const own = decks.find((deck) => deck.origin.kind === 'own' && !deck.deleted);
  if (own) return own;
  const deck: DeckRecord = {
    id: uuidv7(at),
    videoKey,
    title: i18n.t('deck.defaultTitle'),
    author: '',
    description: '',
    origin: { kind: 'own' },
    enabled: true,
    createdAt: at,
    updatedAt: at,
    deleted: false,
  };
  await db.decks.put(deck);
  return deck;
}

/**
 * Writes a card. A new card goes to the viewer's own deck of its video; an edit keeps its
 * deck. Older writes are ignored, as for notes.
 */
export async function putCard(
  db: CuecardsDatabase,
  card: CardInput,
  video?: VideoInfo,
): Promise<WriteOutcome> {
  return db.transaction('rw', db.journal, db.cards, db.decks, db.videos, async () => {
    const stored = await db.cards.get(card.id);
    if (stored && isStale(stored, card.updatedAt)) return 'ignored';
    const deckId = stored?.deckId ?? (await ownDeck(db, card.videoKey, card.updatedAt)).id;
    const record: CardRecord = {
      ...card,
      videoKey: stored?.videoKey ?? card.videoKey,
      createdAt: stored?.createdAt ?? card.createdAt,
      deckId,
      deleted: false,
    };
    if (record.link === undefined) delete record.link;
    if (record.source === undefined) delete record.source;
    await db.cards.put(record);
    await touchVideo(db, record.videoKey, card.updatedAt, video);
    return 'written';
  });
}

export async function setCardDeleted(
  db: CuecardsDatabase,
  id: string,
  deleted: boolean,
  updatedAt: number,
): Promise<WriteOutcome> {
  return db.transaction('rw', db.journal, db.cards, async () => {
    const stored = await db.cards.get(id);
    if (!stored || isStale(stored, updatedAt)) return 'ignored';
    await db.cards.put({ ...stored, deleted, updatedAt });
    return 'written';
  });
}

export function getCard(db: CuecardsDatabase, id: string): Promise<CardRecord | undefined> {
  return db.cards.get(id);
}

/** Live cards of a video, by start; with `onlyShown`, only those of enabled decks. */
export async function cardsOfVideo(
  db: CuecardsDatabase,
  key: string,
  onlyShown = false,
): Promise<CardRecord[]> {
  const [cards, decks] = await Promise.all([
    db.cards.where('[videoKey+start]').between([key, Dexie.minKey], [key, Dexie.maxKey]).toArray(),
    db.decks.where('videoKey').equals(key).toArray(),
  ]);
  const usable = new Set(
    decks.filter((deck) => !deck.deleted && (deck.enabled || !onlyShown)).map((deck) => deck.id),
  );
  return cards.filter((card) => !card.deleted && usable.has(card.deckId));
}

export interface DeckSummary {
  deck: DeckRecord;
  cardCount: number;
}

/** The live decks of a video, own first, with their live card counts. */
export async function decksOfVideo(db: CuecardsDatabase, key: string): Promise<DeckSummary[]> {
  const [decks, cards] = await Promise.all([
    db.decks.where('videoKey').equals(key).toArray(),
    db.cards.where('videoKey').equals(key).toArray(),
  ]);
  return decks
    .filter((deck) => !deck.deleted)
    .sort(
      (a, b) =>
        Number(b.origin.kind === 'own') - Number(a.origin.kind === 'own') ||
        a.createdAt - b.createdAt,
    )
    .map((deck) => ({
      deck,
      cardCount: cards.filter((card) => card.deckId === deck.id && !card.deleted).length,
    }));
}

export type DeckChange = Partial<Pick<DeckRecord, 'title' | 'enabled' | 'deleted'>>;

/** Renames, turns on or off, deletes or restores a deck; its cards follow it. */
export async function updateDeck(
  db: CuecardsDatabase,
  id: string,
  change: DeckChange,
  updatedAt: number,
): Promise<WriteOutcome> {
  return db.transaction('rw', db.journal, db.decks, async () => {
    const stored = await db.decks.get(id);
    if (!stored || isStale(stored, updatedAt)) return 'ignored';
    await db.decks.put({ ...stored, ...change, updatedAt });
    return 'written';
  });
}

export interface ImportOutcome {
  deckId: string;
  cardsWritten: number;
}
