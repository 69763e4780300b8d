import { createPortal } from 'preact/compat';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { createOutbox } from '@/utils/messaging/outbox';
import { connectOverlayPort } from '@/utils/messaging/overlay-port';
import type { ComposerTarget } from '@/utils/messaging/protocol';
import { sendRequest } from '@/utils/messaging/request';
import type { CardRecord, NoteRecord, VideoInfo } from '@/utils/model/records';
import { loadSettings } from '@/utils/model/settings';
import type { Player } from '@/utils/players';
import { formatTimestamp } from '@/utils/timeline/time';
import { Toast, useToast } from '../toast';
import { deleteWithUndo, exportMarkdown } from './actions';
import { CardLayer } from './CardStack';
import { CardsPanel } from './CardsPanel';
import { ComposerFrame } from './ComposerFrame';
import {
  type ComposerRequest,
  composerTarget,
  isNewRequest,
  newComposerToken,
  requestFromPush,
} from './composer-request';
import { Markers } from './Markers';
import { NotesPanel } from './NotesPanel';
import { usePlacement } from './placement';
import { useProgressBarRoot } from './progress-bar-root';
import { SharedDeckOffer } from './SharedDeckOffer';
import { isOverlayDisabled } from './site-disabled';
import { type Panel, Toolbar } from './Toolbar';
import { useFragmentSeek } from './use-fragment-seek';
import { useHover } from './use-hover';
import { useSettings } from './use-settings';
import { useSharedDeckOffer } from './use-shared-deck-offer';

const noCards: readonly CardRecord[] = [];

export function Overlay(props: { player: Player; host: HTMLElement; onOrphaned: () => void }) {
  const { player, host } = props;
  const { video } = player;
  const box = usePlacement(host, video);
  const [identity, setIdentity] = useState<VideoInfo | undefined>(() => player.identify());
  const [notes, setNotes] = useState<readonly NoteRecord[]>([]);
  const [cards, setCards] = useState<readonly CardRecord[]>([]);
  const [composer, setComposer] = useState<{ token: string; kind: ComposerTarget['kind'] }>();
  const composerToken = composer?.token;
  const [openPanel, setOpenPanel] = useState<Panel>();
  const { settings, isMuted, toggleMuted } = useSettings(identity);
  const isHovered = useHover(player.container);
  const [toast, setToast] = useToast();
  const [duration, setDuration] = useState(() => video.duration);
  const [sharedLink, dismissSharedLink] = useSharedDeckOffer();
  const progressBarRoot = useProgressBarRoot(player);
  const outbox = useMemo(() => createOutbox(sendRequest), []);

  // Pushes arrive on the port; handlers read the latest state through this ref.
  const latest = useRef({
    identity,
    composerToken,
    openComposer: (_request: ComposerRequest) => {},
    settings,
  });
  const resumeAfterComposer = useRef(false);
  const focusBeforeComposer = useRef<Element | null>(null);
  const composerFrame = useRef<HTMLIFrameElement>(null);

  const port = useMemo(
    () =>
      connectOverlayPort({
        onPush(push) {
          const state = latest.current;
          if (push.type === 'annotations' && push.videoKey === state.identity?.key) {
            setNotes(push.notes);
            setCards(push.cards);
          }
          if (push.type === 'seek') seek(push.t);
          if (push.type === 'open-composer') {
            state.openComposer(requestFromPush(push));
          }
          if (push.type === 'composer.closed' && push.token === state.composerToken) {
            closeComposer();
          }
        },
        onOrphaned: props.onOrphaned,
      }),
    [],
  );
  useEffect(() => () => port.close(), [port]);

  function seek(t: number) {
    video.currentTime = t;
  }

  function closeComposer() {
    // Give focus back before the frame goes, so the key that closed it lands on the page.
    const previous = focusBeforeComposer.current;
    focusBeforeComposer.current = null;
    composerFrame.current?.blur();
    if (previous instanceof HTMLElement && previous.isConnected)
      previous.focus({ preventScroll: true });
    setComposer(undefined);
    if (resumeAfterComposer.current) {
      resumeAfterComposer.current = false;
      void video.play().catch(() => undefined);
    }
  }

  async function openComposer(request: ComposerRequest) {
    const current = player.identify() ?? identity;
    if (!current) return;
    const now = video.currentTime;
    const target = composerTarget(request, now);
    const { pauseWhileTyping, rewindSeconds } = await loadSettings();
    if (pauseWhileTyping && !video.paused && !composerToken) {
      resumeAfterComposer.current = true;
      video.pause();
    }
    // The note keeps the moment the viewer asked at; the video goes back to show it again.
    if (rewindSeconds > 0 && isNewRequest(request)) {
      video.currentTime = Math.max(0, now - rewindSeconds);
    }
    if (!composerToken) focusBeforeComposer.current = document.activeElement;
    const token = newComposerToken();
    const response = await outbox.push({ type: 'composer.open', token, video: current, target });
    if (response.ok) setComposer({ token, kind: target.kind });
    else {
      setToast({ message: response.error });
      closeComposer();
    }
  }
  latest.current = { identity, composerToken, openComposer, settings };

  // The page may swap the video in place (YouTube's navigation, a new src).
  useEffect(() => {
    const refresh = () => {
      setIdentity(player.identify());
      setDuration(video.duration);
    };
    const stopNavigate = player.onNavigate(refresh);
    const onActivity = () => port.post({ type: 'activity', isPlaying: !video.paused });
    video.addEventListener('loadedmetadata', refresh);
    video.addEventListener('durationchange', refresh);
    video.addEventListener('play', onActivity);
    video.addEventListener('pause', onActivity);
    player.container.addEventListener('pointerenter', onActivity);
    return () => {
      stopNavigate();
      video.removeEventListener('loadedmetadata', refresh);
      video.removeEventListener('durationchange', refresh);
      video.removeEventListener('play', onActivity);
      video.removeEventListener('pause', onActivity);
      player.container.removeEventListener('pointerenter', onActivity);
    };
  }, [player, video, port]);

  // Another video: forget the last one's notes and cards until the new ones arrive.
  useEffect(() => {
    setNotes([]);
    setCards([]);
  }, [identity?.key]);

  // The title and duration often settle after the key: tell the background each time.
  useEffect(() => {
    if (identity) port.post({ type: 'watch', video: identity });
  }, [identity?.key, identity?.title, identity?.duration, port]);

  useFragmentSeek(player);

  const showsCards = settings.showCards && !isMuted;

  const markers = (placement: 'progress-bar' | 'strip') =>
    settings.showMarkers && (
      <Markers notes={notes} duration={duration} onSeek={seek} placement={placement} />
    );
  const showControls = isHovered || openPanel !== undefined || composerToken !== undefined;
  const togglePanel = (panel: Panel) => setOpenPanel(openPanel === panel ? undefined : panel);

  if (isOverlayDisabled(settings.disabledSites)) return null;

  return (
    <div
      class="picture"
      lang={i18n.t('lang')}
      style={{
        left: `${box.left}%`,
        top: `${box.top}%`,
        width: `${box.width}%`,
        height: `${box.height}%`,
      }}
    >
      {progressBarRoot ? createPortal(markers('progress-bar'), progressBarRoot) : markers('strip')}
      <CardLayer
        video={video}
        cards={showsCards ? cards : noCards}
        corner={settings.cardCorner}
        onAppearWhilePlaying={() => {
          if (latest.current.settings.pauseOnCard) video.pause();
        }}
      />
      <Toolbar
        isVisible={showControls}
        noteCount={notes.length}
        cardCount={cards.length}
        openPanel={openPanel}
        onAddNote={() => void openComposer({ kind: 'note' })}
        onAddCard={() => void openComposer({ kind: 'card' })}
        onTogglePanel={togglePanel}
      />
      {openPanel === 'notes' && (
        <NotesPanel
          notes={notes}
          onSeek={seek}
          onEdit={(note) => void openComposer({ kind: 'note', note })}
          onDelete={(note) =>
            void deleteWithUndo(
              outbox,
              setToast,
              'note',
              note.id,
              i18n.t('note.deletedAt', [formatTimestamp(note.t)]),
            )
          }
          onClose={() => setOpenPanel(undefined)}
          onCopyMarkdown={() => void exportMarkdown(setToast, 'copy')}
          onDownloadMarkdown={() => void exportMarkdown(setToast, 'download')}
        />
      )}
      {openPanel === 'cards' && (
        <CardsPanel
          cards={cards}
          isMuted={isMuted}
          onToggleMuted={() => void toggleMuted()}
          onSeek={seek}
          onEdit={(card) => void openComposer({ kind: 'card', card })}
          onDelete={(card) =>
            void deleteWithUndo(outbox, setToast, 'card', card.id, i18n.t('card.deleted'))
          }
          onClose={() => setOpenPanel(undefined)}
        />
      )}
      {sharedLink && !composer && (
        <SharedDeckOffer
          onPreview={() => {
            dismissSharedLink();
            void openComposer({ kind: 'deck', link: sharedLink });
          }}
          onDismiss={dismissSharedLink}
        />
      )}
      {composer && (
        <ComposerFrame token={composer.token} kind={composer.kind} frameRef={composerFrame} />
      )}
      <Toast toast={toast} />
    </div>
  );
}
