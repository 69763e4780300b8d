import { useEffect, useMemo, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { count } from '@/utils/model/locale';
import { type FoundVideo, LibrarySearch, type SearchFilters } from '@/utils/search/upkeep';
import type { CuecardsDatabase } from '@/utils/store/database';
import { notesTagged } from '@/utils/store/library';
import { useLiveQuery } from '../use-live-query';

/**
 * The library's search, kept current as any context writes. Reading 100,000 notes holds the
 * database for a second: the list of videos goes first, and the index is loaded once the
 * viewer searches, or the page has been idle a moment.
 */
function useLibrarySearch(db: CuecardsDatabase, isWanted: boolean) {
  const search = useMemo(() => new LibrarySearch(db), [db]);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const unsubscribe = search.subscribe(() => setVersion((n) => n + 1));
    search.start();
    return () => {
      unsubscribe();
      search.close();
    };
  }, [search]);
  const [isDue, setDue] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setDue(true), 1_500);
    return () => clearTimeout(timer);
  }, []);
  useEffect(() => {
    if (isWanted || isDue) {
      search.load().catch((error: unknown) => console.error('Cuecards: search failed', error));
    }
  }, [search, isWanted, isDue]);
  return { search, version };
}

/** Results for the query and filters, or undefined when the video list should show. */
export function useSearch(
  db: CuecardsDatabase,
  query: string,
  filters: SearchFilters,
): { status: string; results?: FoundVideo[] } {
  const { search, version } = useLibrarySearch(db, query.trim() !== '' || filters.tag !== '');
  const tagged = useLiveQuery(
    () => (filters.tag ? notesTagged(db, filters.tag) : Promise.resolve(undefined)),
    [filters.tag],
  );

  return useMemo(() => {
    const words = query.trim();
    if (!words && !filters.tag) return { status: '' };
    if (!search.isReady) return { status: i18n.t('search.preparing') };
    const groups = words ? search.find(words, filters) : search.groupNotes(tagged ?? [], filters);
    const total = groups.reduce((sum, group) => sum + group.items.length, 0);
    const status =
      groups.length === 0
        ? i18n.t('search.nothingFound')
        : i18n.t('search.status', [
            count('count.matches', total),
            count('count.videos', groups.length),
          ]);
    return { status, results: groups };
  }, [search, query, filters.tag, filters.provider, filters.hasCards, version, tagged]);
}
