import { Dexie } from 'dexie';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { count } from '@/utils/model/locale';
import type { VideoRecord } from '@/utils/model/records';
import {
  cardDocument,
  createSearchIndex,
  type Highlight,
  noteDocument,
  type SearchDocument,
} from '@/utils/search/search-index';
import { readEverything } from '@/utils/store/bulk';
import type { CuecardsDatabase } from '@/utils/store/database';
import { notesTagged } from '@/utils/store/library';
import { useLiveQuery } from '../use-live-query';
import type { VideoFilters } from './VideoList';

export interface ShownItem {
  id: string;
  kind: 'note' | 'card';
  t: number;
  /** A card's title; empty for notes. */
  title: string;
  titleHighlights: readonly Highlight[];
  text: string;
  highlights: readonly Highlight[];
}

export interface ShownResult {
  video: VideoRecord;
  /** Where the query matched the video's own title; empty when it did not. */
  titleHighlights: readonly Highlight[];
  items: ShownItem[];
}

const maxShown = 200;

/**
 * The search index of every note and card, built after the page's first paint and kept
 * current as any context writes (a note saved in another tab is found a moment later).
 */
function useSearchIndex(db: CuecardsDatabase, isWanted: boolean) {
  const index = useMemo(() => createSearchIndex(), []);
  const buildRef = useRef<() => void>();
  // Reading 100,000 notes holds the database for a second: the list of videos goes first,
  // and the index is built once the viewer searches, or the page has been idle a moment.
  const [isDue, setDue] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setDue(true), 1_500);
    return () => clearTimeout(timer);
  }, []);
  useEffect(() => {
    if (isWanted || isDue) buildRef.current?.();
  }, [isWanted, isDue]);
  const documents = useRef(new Map<string, SearchDocument>());
  const videos = useRef(new Map<string, VideoRecord>());
  const [version, setVersion] = useState(0);
  const [isReady, setReady] = useState(false);

  useEffect(() => {
    let watermark = 0;
    let isClosed = false;
    const put = (doc: SearchDocument, isLive: boolean) => {
      watermark = Math.max(watermark, doc.updatedAt);
      if (isLive) {
        documents.current.set(doc.id, doc);
        index.update(doc);
      } else if (documents.current.delete(doc.id)) {
        index.remove(doc.id);
      }
    };

    let isBuilding = false;
    async function build() {
      if (isBuilding) return;
      isBuilding = true;
      const all = await readEverything(db);
      if (isClosed) return;
      videos.current = new Map(all.videos.map((video) => [video.key, video]));
      for (const video of all.videos) index.setVideo(video);
      const liveDecks = new Set(all.decks.filter((deck) => !deck.deleted).map((deck) => deck.id));
      for (const note of all.notes) put(noteDocument(note), !note.deleted);
      for (const card of all.cards) {
        put(cardDocument(card), !card.deleted && liveDecks.has(card.deckId));
      }
      // The housekeeping a first search would do, done before anyone types.
      index.pack();
      setReady(true);
      setVersion((n) => n + 1);
    }

    // Writes move updatedAt forward: what changed since the newest row seen is all there is
    // to read again. (A restore, which may bring older rows, is made from another section of
    // the library; coming back here builds the index anew.)
    let pending: ReturnType<typeof setTimeout> | undefined;
    async function catchUp() {
      const since = watermark;
      const [notes, cards, allVideos, decks] = await Promise.all([
        db.notes.where('updatedAt').aboveOrEqual(since).toArray(),
        db.cards.where('updatedAt').aboveOrEqual(since).toArray(),
        db.videos.toArray(),
        db.decks.toArray(),
      ]);
      if (isClosed) return;
      videos.current = new Map(allVideos.map((video) => [video.key, video]));
      for (const video of allVideos) index.setVideo(video);
      const liveDecks = new Set(decks.filter((deck) => !deck.deleted).map((deck) => deck.id));
      for (const note of notes) put(noteDocument(note), !note.deleted);
      for (const card of cards) {
        put(cardDocument(card), !card.deleted && liveDecks.has(card.deckId));
      }
      setVersion((n) => n + 1);
    }
    const onChange = () => {
      if (!isBuilding) return;
      clearTimeout(pending);
      pending = setTimeout(() => void catchUp(), 30);
    };

    buildRef.current = () => void build();
    Dexie.on('storagemutated', onChange);
    return () => {
      isClosed = true;
      buildRef.current = undefined;
      clearTimeout(pending);
      Dexie.on('storagemutated').unsubscribe(onChange);
    };
  }, [db, index]);

  return { index, documents, videos, version, isReady };
}

/** Results for the query and filters, or undefined when the video list should show. */
export function useSearch(
  db: CuecardsDatabase,
  query: string,
  filters: VideoFilters & { tag: string },
): { status: string; results?: ShownResult[] } {
  const { index, documents, videos, version, isReady } = useSearchIndex(
    db,
    query.trim() !== '' || filters.tag !== '',
  );
  const tagged = useLiveQuery(
    () => (filters.tag ? notesTagged(db, filters.tag) : Promise.resolve(undefined)),
    [filters.tag],
  );

  return useMemo(() => {
    const words = query.trim();
    if (!words && !filters.tag) return { status: '' };
    if (!isReady) return { status: i18n.t('search.preparing') };
    const withCards = new Set<string>();
    if (filters.hasCards) {
      for (const doc of documents.current.values()) {
        if (doc.kind === 'card') withCards.add(doc.videoKey);
      }
    }
    const groups: ShownResult[] = [];
    let total = 0;
    const accept = (key: string) => {
      const video = videos.current.get(key);
      if (!video) return undefined;
      if (filters.provider && video.provider !== filters.provider) return undefined;
      if (filters.hasCards && !withCards.has(key)) return undefined;
      return video;
    };
    if (words) {
      const found = index.search(words, {
        tags: filters.tag ? [filters.tag] : undefined,
        providers: filters.provider ? [filters.provider] : undefined,
        videoKeys: filters.hasCards ? withCards : undefined,
        limit: maxShown,
      });
      for (const group of found.groups) {
        const video = accept(group.videoKey);
        if (!video) continue;
        const items = group.items.flatMap((item) => {
          const doc = documents.current.get(item.id);
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
        total += items.length;
        groups.push({ video, titleHighlights: [], items });
      }
      // A video whose title matches is found too, first among its own notes or on its own.
      const byKey = new Map(groups.map((group) => [group.video.key, group]));
      for (const match of index.searchVideos(words, {
        providers: filters.provider ? [filters.provider] : undefined,
        videoKeys: filters.hasCards ? withCards : undefined,
      })) {
        const video = filters.tag ? undefined : accept(match.videoKey);
        const group = byKey.get(match.videoKey);
        if (group) group.titleHighlights = match.highlights;
        else if (video) groups.push({ video, titleHighlights: match.highlights, items: [] });
      }
    } else {
      const byVideo = new Map<string, ShownItem[]>();
      for (const note of tagged ?? []) {
        if (note.deleted || !accept(note.videoKey)) continue;
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
      for (const [key, items] of byVideo) {
        items.sort((a, b) => a.t - b.t);
        total += items.length;
        groups.push({ video: videos.current.get(key)!, titleHighlights: [], items });
      }
      groups.sort((a, b) => b.video.lastSeenAt - a.video.lastSeenAt);
    }
    const status =
      groups.length === 0
        ? i18n.t('search.nothingFound')
        : i18n.t('search.status', [
            count('count.matches', total),
            count('count.videos', groups.length),
          ]);
    return { status, results: groups };
  }, [query, filters.tag, filters.provider, filters.hasCards, version, isReady, tagged]);
}
