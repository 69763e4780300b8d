import type { Ref } from 'preact';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';

const notesPage = (token: string) => `${browser.runtime.getURL('/notes.html')}?s=${token}`;

/**
 * The notes list is an extension page in a frame: the page's `window.find` and its walks of
 * the document reach into a closed shadow root's text, not into another origin's frame.
 * It loads hidden once the viewer points at the player, so opening the list only shows it;
 * it shows once the list has drawn itself and said how tall it is.
 */
export function NotesFrame(props: {
  token: string;
  isOpen: boolean;
  height: number | undefined;
  frameRef: Ref<HTMLIFrameElement>;
}) {
  const { token, height } = props;
  return (
    <iframe
      ref={props.frameRef}
      class={`notes-list${props.isOpen && height !== undefined ? ' is-open' : ''}`}
      src={notesPage(token)}
      title={i18n.t('overlay.notesList')}
      style={height === undefined ? undefined : { height: `${height}px` }}
    />
  );
}

/** Where the marker pointed at is, in the picture's coordinates. */
export interface PreviewAnchor {
  x: number;
  y: number;
  pictureWidth: number;
}

// The size of the preview's frame (see .note-preview); the preview sits inside, at one edge.
const previewWidth = 280;

/**
 * A marker's note, shown while it is pointed at or focused, in a frame of ours for the same
 * reason as the list. The marker names the note by its id in the frame's fragment, so one
 * frame, loaded once, shows every preview at once. It takes no pointer: the markers under
 * it stay where the viewer points.
 */
export function NotePreviewFrame(props: {
  token: string;
  isAbove: boolean;
  anchor: PreviewAnchor | undefined;
  lastNoteId: string | undefined;
}) {
  const { token, isAbove, anchor } = props;
  const maxLeft = Math.max(0, (anchor?.pictureWidth ?? 0) - previewWidth);
  const left = anchor ? Math.min(Math.max(0, anchor.x - previewWidth / 2), maxLeft) : 0;
  const place = isAbove ? 'above' : 'below';
  return (
    <iframe
      class={`note-preview note-preview-${place}${anchor ? ' is-showing' : ''}`}
      src={`${notesPage(token)}&view=preview&at=${place}#${props.lastNoteId ?? ''}`}
      title={i18n.t('overlay.notePreview')}
      tabIndex={-1}
      aria-hidden="true"
      style={anchor ? { left: `${left}px`, top: `${anchor.y}px` } : undefined}
    />
  );
}
