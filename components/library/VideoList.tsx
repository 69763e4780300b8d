import { useEffect, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { ConflictMark } from '@/components/sync/ConflictMark';
import { count, formatDate } from '@/utils/model/locale';
import type { NoteRecord, VideoRecord } from '@/utils/model/records';
import { timeLink } from '@/utils/model/video-key';
import { type CuecardsDatabase, notesOfVideo } from '@/utils/store/database';
import { markdownZip, webAnnotationsFile } from '@/utils/store/exports';
import {
  deleteVideos,
  type LibraryVideo,
  libraryVideos,
  mergeVideos,
  renameVideo,
  restoreDeleted,
} from '@/utils/store/library';
import { formatTimestamp } from '@/utils/timeline/time';
import { offerUndo, type ShowToast } from '../toast';
import { downloadFile } from '../transfer/files';
import { useLiveQuery } from '../use-live-query';

const pageSize = 50;

export const providers: readonly VideoRecord['provider'][] = ['youtube', 'vimeo', 'web'];

/** YouTube and Vimeo keep their names in every language. */
export const providerName = (provider: VideoRecord['provider']) =>
  provider === 'youtube' ? 'YouTube' : provider === 'vimeo' ? 'Vimeo' : i18n.t('videos.web');

export interface VideoFilters {
  provider: VideoRecord['provider'] | '';
  hasCards: boolean;
}

/** Every annotated video, newest first, a page at a time; select several to act on them. */
export function VideoList(props: {
  db: CuecardsDatabase;
  filters: VideoFilters;
  onToast: ShowToast;
}) {
  const { db, filters, onToast } = props;
  const [pages, setPages] = useState(1);
  const listed = useLiveQuery(() => libraryVideos(db, 0, pages * pageSize), [pages]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const rows = (listed?.videos ?? []).filter(
    (row) =>
      (!filters.provider || row.video.provider === filters.provider) &&
      (!filters.hasCards || row.cardCount > 0),
  );

  // A selection only ever holds videos still listed.
  useEffect(() => {
    const keys = new Set(listed?.videos.map((row) => row.video.key));
    if ([...selected].some((key) => !keys.has(key))) {
      setSelected(new Set([...selected].filter((key) => keys.has(key))));
    }
  }, [listed]);

  function toggle(key: string, isOn: boolean) {
    const next = new Set(selected);
    if (isOn) next.add(key);
    else next.delete(key);
    setSelected(next);
  }

  async function deleteSelected() {
    const keys = [...selected];
    const deleted = await deleteVideos(db, keys, Date.now());
    setSelected(new Set());
    offerUndo(
      onToast,
      i18n.t('videos.deleted', [
        count('count.notes', deleted.noteIds.length),
        count('count.cards', deleted.cardIds.length),
        count('count.videos', keys.length),
      ]),
      () => restoreDeleted(db, deleted, Date.now()),
    );
  }

  async function exportSelected() {
    const zip = await markdownZip(db, new Date(), [...selected]);
    downloadFile(zip);
    onToast({ message: count('videos.exported', zip.videoCount) });
  }

  async function exportSelectedAnnotations() {
    const file = await webAnnotationsFile(db, new Date(), [...selected]);
    downloadFile(file);
    onToast({ message: i18n.t('common.downloaded', [file.name]) });
  }

  if (!listed) return <p class="muted">{i18n.t('videos.loading')}</p>;
  if (listed.videos.length === 0) return <p class="muted">{i18n.t('videos.none')}</p>;
  const selectedRows = rows.filter((row) => selected.has(row.video.key));
  return (
    <>
      {selected.size > 0 && (
        <div class="bulk-bar" role="toolbar" aria-label={i18n.t('videos.selectedToolbar')}>
          <span>{count('videos.selected', selected.size)}</span>
          <button type="button" onClick={() => void exportSelected()}>
            {i18n.t('videos.exportZip')}
          </button>
          <button type="button" onClick={() => void exportSelectedAnnotations()}>
            {i18n.t('videos.exportAnnotations')}
          </button>
          <button type="button" onClick={() => void deleteSelected()}>
            {i18n.t('videos.deleteAll')}
          </button>
          <button type="button" onClick={() => setSelected(new Set())}>
            {i18n.t('videos.clearSelection')}
          </button>
          {selectedRows.length === 2 && (
            <MergeVideos db={db} rows={selectedRows} onToast={onToast} />
          )}
        </div>
      )}
      {rows.length === 0 && <p class="muted">{i18n.t('videos.noMatch')}</p>}
      <ul class="video-list" aria-label={i18n.t('videos.list')}>
        {rows.map((row) => (
          <VideoRow
            key={row.video.key}
            db={db}
            row={row}
            isSelected={selected.has(row.video.key)}
            onSelect={(isOn) => toggle(row.video.key, isOn)}
          />
        ))}
      </ul>
      {listed.nextOffset !== undefined && (
        <button type="button" class="more" onClick={() => setPages(pages + 1)}>
          {i18n.t('videos.showMore')}
        </button>
      )}
    </>
  );
}

function VideoRow(props: {
  db: CuecardsDatabase;
  row: LibraryVideo;
  isSelected: boolean;
  onSelect: (isOn: boolean) => void;
}) {
  const { video, noteCount, cardCount, firstNoteAt } = props.row;
  const [isOpen, setOpen] = useState(false);
  const [isRenaming, setRenaming] = useState(false);
  const title = video.title || video.url;
  return (
    <li class="video">
      <input
        type="checkbox"
        aria-label={i18n.t('videos.select', [title])}
        checked={props.isSelected}
        onChange={(event) => props.onSelect(event.currentTarget.checked)}
      />
      <div class="video-main">
        {isRenaming ? (
          <RenameVideo
            video={video}
            onDone={() => setRenaming(false)}
            onRename={(name) => renameVideo(props.db, video.key, name)}
          />
        ) : (
          <a
            class="video-title"
            href={timeLink(video, firstNoteAt ?? 0)}
            target="_blank"
            rel="noopener noreferrer"
          >
            {title}
          </a>
        )}
        <p class="video-meta">
          {providerName(video.provider)}
          {video.duration ? ` · ${formatTimestamp(video.duration)}` : ''} ·{' '}
          {count('count.notes', noteCount)} · {count('count.cards', cardCount)} ·{' '}
          {i18n.t('videos.lastSeen', [formatDate(video.lastSeenAt)])}
        </p>
        <div class="row-actions">
          <button
            type="button"
            aria-expanded={isOpen}
            aria-label={i18n.t('videos.notesOf', [title])}
            onClick={() => setOpen(!isOpen)}
          >
            {isOpen ? i18n.t('videos.hideNotes') : i18n.t('videos.showNotes')}
          </button>
          <button
            type="button"
            aria-label={i18n.t('videos.renameVideo', [title])}
            onClick={() => setRenaming(true)}
          >
            {i18n.t('common.rename')}
          </button>
        </div>
        {isOpen && <VideoNotes db={props.db} video={video} />}
      </div>
    </li>
  );
}

function VideoNotes(props: { db: CuecardsDatabase; video: VideoRecord }) {
  const notes = useLiveQuery(() => notesOfVideo(props.db, props.video.key), [props.video.key]);
  if (!notes) return null;
  if (notes.length === 0) return <p class="muted">{i18n.t('videos.onlyCards')}</p>;
  return (
    <ol class="video-notes">
      {notes.map((note: NoteRecord) => (
        <li key={note.id}>
          <a
            class="time"
            href={timeLink(props.video, note.t)}
            target="_blank"
            rel="noopener noreferrer"
          >
            {formatTimestamp(note.t)}
          </a>{' '}
          <ConflictMark conflictOf={note.conflictOf} />
          <span class="note-text">{note.text}</span>
        </li>
      ))}
    </ol>
  );
}

function RenameVideo(props: {
  video: VideoRecord;
  onRename: (title: string) => Promise<unknown>;
  onDone: () => void;
}) {
  const [title, setTitle] = useState(props.video.title);
  return (
    <form
      class="rename"
      onSubmit={(event) => {
        event.preventDefault();
        if (!title.trim()) return;
        void props.onRename(title).then(props.onDone);
      }}
    >
      <input
        aria-label={i18n.t('videos.newTitle', [props.video.title || props.video.url])}
        value={title}
        maxLength={500}
        autoFocus
        onInput={(event) => setTitle(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            props.onDone();
          }
        }}
      />
      <button type="submit">{i18n.t('common.save')}</button>
      <button type="button" onClick={props.onDone}>
        {i18n.t('common.cancel')}
      </button>
    </form>
  );
}

/** Two keys that are one video (an embed's page and the original): keep one, move all to it. */
function MergeVideos(props: { db: CuecardsDatabase; rows: LibraryVideo[]; onToast: ShowToast }) {
  const [first, second] = props.rows as [LibraryVideo, LibraryVideo];
  const [keep, setKeep] = useState(first.video.provider === 'web' ? second : first);
  const other = keep === first ? second : first;
  const name = (row: LibraryVideo) => row.video.title || row.video.url;
  return (
    <fieldset class="merge">
      <legend>{i18n.t('videos.mergeLegend')}</legend>
      {[first, second].map((row) => (
        <label key={row.video.key}>
          <input
            type="radio"
            name="merge-keep"
            checked={keep === row}
            onChange={() => setKeep(row)}
          />
          {name(row)} <span class="muted">({providerName(row.video.provider)})</span>
        </label>
      ))}
      <button
        type="button"
        onClick={() =>
          void mergeVideos(props.db, other.video.key, keep.video.key, Date.now()).then(
            (moved) =>
              props.onToast({
                message: i18n.t('videos.moved', [
                  count('count.notes', moved.notes),
                  count('count.cards', moved.cards),
                  name(keep),
                ]),
              }),
            (error: Error) => props.onToast({ message: error.message }),
          )
        }
      >
        {i18n.t('videos.merge')}
      </button>
    </fieldset>
  );
}
