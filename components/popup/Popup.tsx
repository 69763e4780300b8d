import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { ConflictMark } from '@/components/sync/ConflictMark';
import type { TabVideo } from '@/utils/messaging/protocol';
import { sendRequest } from '@/utils/messaging/request';
import { count } from '@/utils/model/locale';
import type { NoteRecord } from '@/utils/model/records';
import { timeLink } from '@/utils/model/video-key';
import {
  type CuecardsDatabase,
  notesOfVideo,
  putNote,
  recentVideos,
  setNoteDeleted,
} from '@/utils/store/database';
import { formatTimestamp } from '@/utils/timeline/time';
import { NoteForm } from '../composer/NoteForm';
import { SettingsForm } from '../settings/SettingsForm';
import { useSyncOnOpen, useSyncStatus } from '../sync/use-sync-status';
import { offerUndo, Toast, useToast } from '../toast';
import { useLiveQuery } from '../use-live-query';
import { useTheme } from '../use-theme';
import { currentVideoTab } from './current-tab';
import { DecksSection } from './DecksSection';
import { VideoExportActions } from './ShareActions';
import { SyncLine, SyncOffLink } from './SyncLine';

export function Popup(props: { db: CuecardsDatabase }) {
  useTheme();
  const { db } = props;
  const [tab, setTab] = useState<{ id: number; videos: TabVideo[] }>();
  const [toast, setToast] = useToast();
  const syncStatus = useSyncStatus();
  useSyncOnOpen();

  useEffect(() => {
    void (async () => {
      const tabId = await currentVideoTab();
      if (tabId === undefined) return;
      const response = await sendRequest({ type: 'tab.videos', tabId });
      setTab({ id: tabId, videos: response?.ok ? response.value : [] });
    })();
  }, []);

  async function deleteNote(note: NoteRecord) {
    await setNoteDeleted(db, note.id, true, Date.now());
    offerUndo(setToast, i18n.t('note.deletedAt', [formatTimestamp(note.t)]), () =>
      setNoteDeleted(db, note.id, false, Date.now()),
    );
  }

  return (
    <main class="popup">
      <h1>{i18n.t('extension.name')}</h1>
      <SyncLine status={syncStatus} />
      <Toast toast={toast} />
      <section aria-labelledby="this-tab">
        <h2 id="this-tab">{i18n.t('popup.inThisTab')}</h2>
        {!tab || tab.videos.length === 0 ? (
          <p class="muted">{tab ? i18n.t('popup.noVideo') : i18n.t('popup.looking')}</p>
        ) : (
          // A post may hold several videos (its own, embedded ones): each gets its notes and decks.
          tab.videos.map((tabVideo) => {
            const title = tabVideo.video.title || tabVideo.video.url;
            return (
              <article key={tabVideo.frameId} class="tab-video" aria-label={title}>
                <h3 class="video-title">{title}</h3>
                <TabVideoNotes
                  db={db}
                  tabId={tab.id}
                  tabVideo={tabVideo}
                  onDelete={(note) => void deleteNote(note)}
                />
                <VideoExportActions db={db} video={tabVideo.video} onToast={setToast} />
                <h4 class="subheading">{i18n.t('popup.triviaDecks')}</h4>
                <DecksSection db={db} tabId={tab.id} tabVideo={tabVideo} onToast={setToast} />
              </article>
            );
          })
        )}
      </section>
      <RecentVideos db={db} />
      <details class="settings">
        <summary>{i18n.t('common.settings')}</summary>
        <SettingsForm />
      </details>
      <SyncOffLink status={syncStatus} />
      <p class="library-link">
        <button
          type="button"
          onClick={() =>
            void browser.tabs
              .create({ url: browser.runtime.getURL('/library.html') })
              .then(() => window.close())
          }
        >
          {i18n.t('popup.openLibrary')}
        </button>
      </p>
    </main>
  );
}

function TabVideoNotes(props: {
  db: CuecardsDatabase;
  tabId: number;
  tabVideo: TabVideo;
  onDelete: (note: NoteRecord) => void;
}) {
  const { video, frameId } = props.tabVideo;
  const notes = useLiveQuery(() => notesOfVideo(props.db, video.key), [video.key]);
  const [editing, setEditing] = useState<string>();

  const seek = (t: number) =>
    void sendRequest({ type: 'tab.seek', tabId: props.tabId, frameId, t });

  return (
    <>
      {notes?.length === 0 && <p class="muted">{i18n.t('popup.noNotes')}</p>}
      <ol class="notes">
        {notes?.map((note) => {
          const time = formatTimestamp(note.t);
          return (
            <li key={note.id} class="note">
              <button
                type="button"
                class="time"
                aria-label={i18n.t('common.seekTo', [time])}
                onClick={() => seek(note.t)}
              >
                {time}
              </button>
              {editing === note.id ? (
                <NoteForm
                  placement="list"
                  label={i18n.t('note.editAt', [time])}
                  text={note.text}
                  save={(text) =>
                    putNote(props.db, { ...note, text, updatedAt: Date.now() }).then(
                      () => undefined,
                      () => i18n.t('error.couldNotSave'),
                    )
                  }
                  onClose={() => setEditing(undefined)}
                />
              ) : (
                <>
                  <ConflictMark conflictOf={note.conflictOf} />
                  <p class="note-text">{note.text}</p>
                  <div class="note-actions">
                    <button
                      type="button"
                      aria-label={i18n.t('note.editAt', [time])}
                      onClick={() => setEditing(note.id)}
                    >
                      {i18n.t('common.edit')}
                    </button>
                    <button
                      type="button"
                      aria-label={i18n.t('note.deleteAt', [time])}
                      onClick={() => props.onDelete(note)}
                    >
                      {i18n.t('common.delete')}
                    </button>
                  </div>
                </>
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}

function RecentVideos(props: { db: CuecardsDatabase }) {
  const videos = useLiveQuery(() => recentVideos(props.db, 20), []);
  return (
    <section aria-labelledby="recent-videos">
      <h2 id="recent-videos">{i18n.t('popup.recentVideos')}</h2>
      {videos?.length === 0 && <p class="muted">{i18n.t('popup.noRecentVideos')}</p>}
      <ul class="videos">
        {videos?.map(({ video, noteCount, firstNoteAt }) => (
          <li key={video.key}>
            <a href={timeLink(video, firstNoteAt ?? 0)} target="_blank" rel="noopener noreferrer">
              {video.title || video.url}
            </a>
            <span class="count">{count('count.notes', noteCount)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
