import { useMemo, useRef, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { createOutbox } from '@/utils/messaging/outbox';
import { sendRequest } from '@/utils/messaging/request';
import type { CardRecord } from '@/utils/model/records';
import type { Player } from '@/utils/players';
import { formatTimestamp } from '@/utils/timeline/time';
import { Toast, useToast } from '../toast';
import { deleteWithUndo, exportMarkdown } from './actions';
import { CardLayer } from './CardStack';
import { CardsPanel } from './CardsPanel';
import { ComposerFrame } from './ComposerFrame';
import { PlacedMarkers } from './Markers';
import { NotePreviewFrame, NotesFrame } from './NotesFrame';
import { percentStyle, usePlacement } from './placement';
import { useProgressBarRoot } from './progress-bar-root';
import { SharedDeckOffer } from './SharedDeckOffer';
import { isOverlayDisabled } from './site-disabled';
import { type Panel, Toolbar } from './Toolbar';
import { useAnnotations } from './use-annotations';
import { useComposer } from './use-composer';
import { useFragmentSeek } from './use-fragment-seek';
import { useHover } from './use-hover';
import { useLatest } from './use-latest';
import { useNotePreview } from './use-note-preview';
import { useNotesListActions, useNotesSession } from './use-notes-list';
import { useOverlayPort, useReportEditor, useReportWatching } from './use-overlay-port';
import { useSettings } from './use-settings';
import { useSharedDeckOffer } from './use-shared-deck-offer';
import { useWatchedVideo } from './use-watched-video';

const noCards: readonly CardRecord[] = [];

/**
 * Cuecards on one player: note markers, the cards active now, a toolbar with the notes
 * and cards panels, and the editor frame. Each concern is a hook or a component of its
 * own; this wires them together and lays them out over the video's picture.
 */
export function Overlay(props: { player: Player; host: HTMLElement; onOrphaned: () => void }) {
  const { player, host } = props;
  const { video } = player;
  const box = usePlacement(host, video);
  const progressBarRoot = useProgressBarRoot(player);
  const { identity, duration } = useWatchedVideo(player);
  const annotations = useAnnotations(identity);
  const { notes, cards } = annotations;
  const { settings, isMuted, toggleMuted } = useSettings(identity);
  // The card layer keeps its callback across renders; through this it reads today's settings.
  const latestSettings = useLatest(settings);
  const [toast, showToast] = useToast();
  const outbox = useMemo(() => createOutbox(sendRequest), []);
  const composer = useComposer({ player, host, identity, outbox, showToast });
  const seek = (t: number) => {
    video.currentTime = t;
  };
  const isHovered = useHover(player.container);
  const [openPanel, setOpenPanel] = useState<Panel>();
  const pictureRef = useRef<HTMLDivElement>(null);
  const notesFrameRef = useRef<HTMLIFrameElement>(null);
  const closeNotesList = () => {
    // Esc or × in the list: focus goes back to the button that opened it, not to the page.
    const root = notesFrameRef.current?.getRootNode() as ShadowRoot | Document | undefined;
    if (root && root.activeElement === notesFrameRef.current) {
      pictureRef.current
        ?.querySelector<HTMLButtonElement>('.toolbar button[aria-expanded="true"]')
        ?.focus();
    }
    setOpenPanel(undefined);
  };
  const notesToken = useNotesSession({
    videoKey: identity?.key,
    // Open once the viewer points at the player, so the list and the marker preview are
    // loaded before they are asked for.
    isNeeded: openPanel === 'notes' || isHovered,
    onProblem: (message) => showToast({ message }),
  });
  const notesList = useNotesListActions({
    token: notesToken,
    onAction(action) {
      if (action.kind === 'close') return closeNotesList();
      if (action.kind === 'export') return void exportMarkdown(showToast, action.how);
      const note = notes.find((candidate) => candidate.id === action.noteId);
      if (!note) return;
      if (action.kind === 'seek') seek(note.t);
      if (action.kind === 'edit') void composer.open({ kind: 'note', note });
      if (action.kind === 'delete') {
        const message = i18n.t('note.deletedAt', [formatTimestamp(note.t)]);
        void deleteWithUndo(outbox, showToast, 'note', note.id, message);
      }
    },
  });
  const preview = useNotePreview(pictureRef, progressBarRoot !== undefined);
  const port = useOverlayPort({
    onPush(push) {
      annotations.receive(push);
      composer.receive(push);
      notesList.receive(push);
      if (push.type === 'seek') seek(push.t);
    },
    onOrphaned: props.onOrphaned,
  });
  useReportWatching(port, player, identity);
  useReportEditor(port, composer.session?.token);
  useFragmentSeek(player);
  const [isDeckOffered, dismissSharedDeck] = useSharedDeckOffer();

  if (isOverlayDisabled(settings.disabledSites)) return null;

  const closePanel = () => setOpenPanel(undefined);

  return (
    <div class="picture" ref={pictureRef} lang={i18n.t('lang')} style={percentStyle(box)}>
      {settings.showMarkers && (
        <PlacedMarkers
          progressBarRoot={progressBarRoot}
          notes={notes}
          duration={duration}
          onSeek={seek}
          onPreview={preview.show}
        />
      )}
      {settings.showMarkers && notesToken && notes.length > 0 && (
        <NotePreviewFrame
          token={notesToken}
          isAbove={progressBarRoot !== undefined}
          anchor={preview.anchor}
          lastNoteId={preview.lastNoteId}
        />
      )}
      <CardLayer
        video={video}
        cards={settings.showCards && !isMuted ? cards : noCards}
        corner={settings.cardCorner}
        onAppearWhilePlaying={() => {
          if (latestSettings.current.pauseOnCard) video.pause();
        }}
      />
      <Toolbar
        isVisible={isHovered || openPanel !== undefined || composer.session !== undefined}
        noteCount={notes.length}
        cardCount={cards.length}
        openPanel={openPanel}
        onAddNote={() => void composer.open({ kind: 'note' })}
        onAddCard={() => void composer.open({ kind: 'card' })}
        onTogglePanel={(panel) => setOpenPanel(openPanel === panel ? undefined : panel)}
      />
      {notesToken && (
        <NotesFrame
          token={notesToken}
          isOpen={openPanel === 'notes'}
          height={notesList.height}
          frameRef={notesFrameRef}
        />
      )}
      {openPanel === 'cards' && (
        <CardsPanel
          cards={cards}
          isMuted={isMuted}
          onToggleMuted={() => void toggleMuted()}
          onSeek={seek}
          onEdit={(card) => void composer.open({ kind: 'card', card })}
          onDelete={(card) =>
            void deleteWithUndo(outbox, showToast, 'card', card.id, i18n.t('card.deleted'))
          }
          onClose={closePanel}
        />
      )}
      {isDeckOffered && !composer.session && (
        <SharedDeckOffer
          onPreview={() => {
            dismissSharedDeck();
            void sendRequest({ type: 'share.preview' }).then((response) => {
              if (response && !response.ok) showToast({ message: response.error });
            });
          }}
          onDismiss={dismissSharedDeck}
        />
      )}
      {composer.session && (
        <ComposerFrame session={composer.session} frameRef={composer.frameRef} />
      )}
      <Toast toast={toast} />
    </div>
  );
}
