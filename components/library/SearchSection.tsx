import { useEffect, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { count } from '@/utils/model/locale';
import { timeLink } from '@/utils/model/video-key';
import type { FoundVideo } from '@/utils/search/upkeep';
import type { CuecardsDatabase } from '@/utils/store/database';
import { tagsInUse } from '@/utils/store/library';
import { formatTimestamp } from '@/utils/timeline/time';
import type { ShowToast } from '../toast';
import { useLiveQuery } from '../use-live-query';
import { useSearch } from './use-search';
import { providerName, providers, type VideoFilters, VideoList } from './VideoList';

/** Search as you type over every note and card, with filters; the video list otherwise. */
export function SearchSection(props: { db: CuecardsDatabase; onToast: ShowToast }) {
  const { db } = props;
  const [query, setQuery] = useState('');
  const [tag, setTag] = useState('');
  const [filters, setFilters] = useState<VideoFilters>({ provider: '', hasCards: false });
  // Listing the tags walks the tag index of every note: at 100,000 notes that would hold up
  // the list of videos, so it waits until the list has shown, or the viewer opens the menu.
  const [wantsTags, setWantsTags] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setWantsTags(true), 1_000);
    return () => clearTimeout(timer);
  }, []);
  const tags = useLiveQuery(
    () => (wantsTags ? tagsInUse(db) : Promise.resolve(undefined)),
    [wantsTags],
  );
  const search = useSearch(db, query, { tag, ...filters });

  return (
    <section aria-labelledby="videos-heading">
      <h2 id="videos-heading" class="visually-hidden">
        {i18n.t('library.videosSection')}
      </h2>
      <search class="search-bar">
        <label class="search-field">
          <span class="visually-hidden">{i18n.t('search.field')}</span>
          <input
            type="search"
            value={query}
            placeholder={i18n.t('search.field')}
            aria-describedby="search-status"
            onInput={(event) => setQuery(event.currentTarget.value)}
          />
        </label>
        <label>
          {i18n.t('search.tag')}
          <select
            value={tag}
            onFocus={() => setWantsTags(true)}
            onPointerDown={() => setWantsTags(true)}
            onChange={(event) => setTag(event.currentTarget.value)}
          >
            <option value="">{i18n.t('search.allTags')}</option>
            {tags?.map((name) => (
              <option key={name} value={name}>
                #{name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {i18n.t('search.site')}
          <select
            value={filters.provider}
            onChange={(event) =>
              setFilters({
                ...filters,
                provider: event.currentTarget.value as VideoFilters['provider'],
              })
            }
          >
            <option value="">{i18n.t('search.allSites')}</option>
            {providers.map((provider) => (
              <option key={provider} value={provider}>
                {providerName(provider)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={filters.hasCards}
            onChange={(event) => setFilters({ ...filters, hasCards: event.currentTarget.checked })}
          />
          {i18n.t('search.hasCards')}
        </label>
      </search>
      <p id="search-status" class="muted" role="status">
        {search.status}
      </p>
      {search.results ? (
        <Results groups={search.results} />
      ) : (
        <VideoList db={db} filters={filters} onToast={props.onToast} />
      )}
    </section>
  );
}

/** Matches grouped by video, each with a time link; matched words marked. */
function Results(props: { groups: FoundVideo[] }) {
  return (
    <ol class="results" aria-label={i18n.t('search.results')}>
      {props.groups.map((group) => (
        <li key={group.video.key} class="result-group">
          <h3>
            <a href={timeLink(group.video, 0)} target="_blank" rel="noopener noreferrer">
              <Highlighted
                text={group.video.title || group.video.url}
                ranges={group.video.title ? group.titleHighlights : []}
              />
            </a>
            {group.items.length > 0 && (
              <span class="muted"> · {count('count.matches', group.items.length)}</span>
            )}
          </h3>
          <ol class="result-items">
            {group.items.map((item) => (
              <li key={item.id}>
                <a
                  class="time"
                  href={timeLink(group.video, item.t)}
                  target="_blank"
                  rel="noopener noreferrer"
                  aria-label={i18n.t('search.openAt', [formatTimestamp(item.t)])}
                >
                  {formatTimestamp(item.t)}
                </a>{' '}
                {item.kind === 'card' && <span class="muted">{i18n.t('search.card')} · </span>}
                {item.title && (
                  <>
                    <strong>
                      <Highlighted text={item.title} ranges={item.titleHighlights} />
                    </strong>
                    {item.text && ' — '}
                  </>
                )}
                <Highlighted text={item.text} ranges={item.highlights} />
              </li>
            ))}
          </ol>
        </li>
      ))}
    </ol>
  );
}

/** Text with its matched ranges in <mark>: always text nodes, never markup. */
function Highlighted(props: { text: string; ranges: readonly (readonly [number, number])[] }) {
  const parts: preact.ComponentChildren[] = [];
  let at = 0;
  for (const [start, end] of props.ranges) {
    if (start < at) continue;
    parts.push(
      props.text.slice(at, start),
      <mark key={start}>{props.text.slice(start, end)}</mark>,
    );
    at = end;
  }
  parts.push(props.text.slice(at));
  return <span class="result-text">{parts}</span>;
}
