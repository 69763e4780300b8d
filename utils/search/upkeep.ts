// Keeps the library's search index loaded and current as any tab writes.
import type { NoteRecord, VideoRecord } from '../model/records';
import { readEverything } from '../store/bulk';
import { onAnyWrite } from '../store/changes';
import type { CuecardsDatabase } from '../store/database';
import { rowsChangedSince, type SearchRows } from '../store/library';
import {
  cardDocument,
  createSearchIndex,
  type Highlight,
  noteDocument,
  type SearchDocument,
} from './search-index';

/**
 * The library's search: one index of every note and card, loaded through the store once it
 * is wanted, then kept current as any context writes (a note saved in another tab is found a
 * moment later), and answered with the videos and texts a results list shows.
 *
 * Upkeep: writes move updatedAt forward, so what changed since the newest row taken in (the
 * watermark) is all there is to read again; rows stamped exactly at the watermark are read
 * again and replace themselves. One read at a time, and none while the first load runs: a
 * change heard meanwhile is read once it is done. (A restore, which may bring older rows, is
 * made from another section of the library; coming back to search loads the index anew.)
 */

export interface SearchFilters {
  provider: VideoRecord['provider'] | '';
  hasCards: boolean;
  tag: string;
}

export interface FoundItem {
  id: string;
  kind: 'note' | 'card';
  t: number;
  /** A card's title; empty for notes. */
  title: string;
  titleHighlights: readonly Highlight[];
  text: string;
  highlights: readonly Highlight[];
}

export interface FoundVideo {
  video: VideoRecord;
  /** Where the query matched the video's own title; empty when it did not. */
  titleHighlights: readonly Highlight[];
  items: FoundItem[];
}

/** Calls `onChange` after any write to the database from any context; returns the removal. */
export type ChangeFeed = (onChange: () => void) => () => void;

const maxShown = 200;

export class LibrarySearch {
  readonly #db: CuecardsDatabase;
  readonly #changes: ChangeFeed;
  readonly #catchUpDelayMs: number;
  readonly #index = createSearchIndex();
  readonly #documents = new Map<string, SearchDocument>();
  #videos = new Map<string, VideoRecord>();
  #watermark = 0;
  #state: 'waiting' | 'loading' | 'ready' | 'closed' = 'waiting';
  #loaded: Promise<void> | undefined;
  #hasUnreadChanges = false;
  #isCatchingUp = false;
  #catchUpTimer: ReturnType<typeof setTimeout> | undefined;
  #stopFollowing: (() => void) | undefined;
  readonly #listeners = new Set<() => void>();

  /** `catchUpDelayMs`: a burst of writes (a bulk delete, typing) is read once. */
  constructor(
    db: CuecardsDatabase,
    { changes = onAnyWrite, catchUpDelayMs = 30 } = {} as {
      changes?: ChangeFeed;
      catchUpDelayMs?: number;
    },
  ) {
    this.#db = db;
    this.#changes = changes;
    this.#catchUpDelayMs = catchUpDelayMs;
  }

  /** Starts hearing of writes; until `close`. Writes before `load` need no hearing. */
  start(): void {
    if (this.#stopFollowing || this.#state === 'closed') return;
    this.#stopFollowing = this.#changes(() => this.#onChange());
  }

  /** Stops hearing of writes and drops what a read still under way brings. */
  close(): void {
    this.#state = 'closed';
    this.#stopFollowing?.();
    this.#stopFollowing = undefined;
    clearTimeout(this.#catchUpTimer);
    this.#listeners.clear();
  }

  /** Whether the index holds the library: until then, searching finds nothing. */
  get isReady(): boolean {
    return this.#state === 'ready';
  }

  /** How many notes and cards are indexed. */
  get size(): number {
    return this.#index.size;
  }

  /** Hears when the index has taken in the library, and each change after. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Reads every note and card into the index, once (later calls share the first), and does
   * the housekeeping a first search would do, so the first keystroke does not wait for it.
   * At 100,000 notes this holds the database for a second: the caller chooses when.
   */
  load(): Promise<void> {
    this.#loaded ??= this.#load();
    return this.#loaded;
  }

  async #load(): Promise<void> {
    if (this.#state !== 'waiting') return;
    this.#state = 'loading';
    const rows = await readEverything(this.#db);
    if (this.#isClosed()) return;
    this.#take(rows);
    this.#index.pack();
    this.#state = 'ready';
    this.#notify();
    if (this.#hasUnreadChanges) this.#scheduleCatchUp();
  }

  /** A method, not a test of the field: the field changes while a read is awaited. */
  #isClosed(): boolean {
    return this.#state === 'closed';
  }

  #onChange(): void {
    if (this.#state === 'waiting' || this.#state === 'closed') return;
    this.#hasUnreadChanges = true;
    if (this.#state === 'ready') this.#scheduleCatchUp();
  }

  #scheduleCatchUp(): void {
    clearTimeout(this.#catchUpTimer);
    this.#catchUpTimer = setTimeout(() => {
      this.#catchUp().catch((error: unknown) =>
        console.error('Cuecards: updating the search index failed', error),
      );
    }, this.#catchUpDelayMs);
  }

  async #catchUp(): Promise<void> {
    // A read under way schedules the next one when it is done.
    if (this.#isCatchingUp || this.#state !== 'ready') return;
    this.#isCatchingUp = true;
    this.#hasUnreadChanges = false;
    try {
      const rows = await rowsChangedSince(this.#db, this.#watermark);
      if (this.#isClosed()) return;
      this.#take(rows);
      this.#notify();
    } finally {
      this.#isCatchingUp = false;
    }
    if (this.#hasUnreadChanges) this.#scheduleCatchUp();
  }

  #take(rows: SearchRows): void {
    const videos = new Map(rows.videos.map((video) => [video.key, video]));
    for (const key of this.#videos.keys()) {
      if (!videos.has(key)) this.#index.removeVideo(key);
    }
    this.#videos = videos;
    for (const video of rows.videos) this.#index.setVideo(video);
    const liveDecks = new Set(rows.decks.filter((deck) => !deck.deleted).map((deck) => deck.id));
    for (const note of rows.notes) this.#put(noteDocument(note), !note.deleted);
    for (const card of rows.cards) {
      this.#put(cardDocument(card), !card.deleted && liveDecks.has(card.deckId));
    }
  }

  #put(doc: SearchDocument, isLive: boolean): void {
    this.#watermark = Math.max(this.#watermark, doc.updatedAt);
    if (isLive) {
      this.#documents.set(doc.id, doc);
      this.#index.update(doc);
    } else if (this.#documents.delete(doc.id)) {
      this.#index.remove(doc.id);
    }
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }

  /**
   * The best matches of the words (the tag and the other filters applied), by video; a video
   * whose own title matches is found too, first among its notes or on its own.
   */
  find(words: string, filters: SearchFilters): FoundVideo[] {
    const withCards = filters.hasCards ? this.#videosWithCards() : undefined;
    const groups: FoundVideo[] = [];
    const found = this.#index.search(words, {
      tags: filters.tag ? [filters.tag] : undefined,
      providers: filters.provider ? [filters.provider] : undefined,
      videoKeys: withCards,
      limit: maxShown,
    });
    for (const group of found.groups) {
      const video = this.#accepted(group.videoKey, filters, withCards);
      if (!video) continue;
      const items = group.items.flatMap((item): FoundItem[] => {
        const doc = this.#documents.get(item.id);
        return doc
          ? [
              {
                id: item.id,
                kind: item.kind,
                t: item.t,
                title: doc.title,
                titleHighlights: item.titleHighlights,
                text: doc.text,
                highlights: item.highlights,
              },
            ]
          : [];
      });
      groups.push({ video, titleHighlights: [], items });
    }
    const byKey = new Map(groups.map((group) => [group.video.key, group]));
    for (const match of this.#index.searchVideos(words, {
      providers: filters.provider ? [filters.provider] : undefined,
      videoKeys: withCards,
    })) {
      const video = filters.tag ? undefined : this.#accepted(match.videoKey, filters, withCards);
      const group = byKey.get(match.videoKey);
      if (group) group.titleHighlights = match.highlights;
      else if (video) groups.push({ video, titleHighlights: match.highlights, items: [] });
    }
    return groups;
  }

  /** The live notes among `notes` (a tag's, read by the caller) by video, newest video first. */
  groupNotes(notes: readonly NoteRecord[], filters: Omit<SearchFilters, 'tag'>): FoundVideo[] {
    const withCards = filters.hasCards ? this.#videosWithCards() : undefined;
    const byVideo = new Map<string, FoundItem[]>();
    for (const note of notes) {
      if (note.deleted || !this.#accepted(note.videoKey, filters, withCards)) continue;
      const items = byVideo.get(note.videoKey) ?? [];
      items.push({
        id: note.id,
        kind: 'note',
        t: note.t,
        title: '',
        titleHighlights: [],
        text: note.text,
        highlights: [],
      });
      byVideo.set(note.videoKey, items);
    }
    const groups: FoundVideo[] = [];
    for (const [key, items] of byVideo) {
      items.sort((a, b) => a.t - b.t);
      groups.push({ video: this.#videos.get(key)!, titleHighlights: [], items });
    }
    return groups.sort((a, b) => b.video.lastSeenAt - a.video.lastSeenAt);
  }

  #videosWithCards(): Set<string> {
    const keys = new Set<string>();
    for (const doc of this.#documents.values()) {
      if (doc.kind === 'card') keys.add(doc.videoKey);
    }
    return keys;
  }

  #accepted(
    key: string,
    filters: Omit<SearchFilters, 'tag'>,
    withCards: ReadonlySet<string> | undefined,
  ): VideoRecord | undefined {
    const video = this.#videos.get(key);
    if (!video) return undefined;
    if (filters.provider && video.provider !== filters.provider) return undefined;
    if (withCards && !withCards.has(key)) return undefined;
    return video;
  }
}
