import type { RefObject } from 'preact';
import { useState } from 'preact/hooks';
import type { NoteRecord } from '@/utils/model/records';
import type { PreviewAnchor } from './NotesFrame';

/**
 * The marker pointed at or focused, as where its preview goes in the picture, and the note
 * last previewed (the preview frame keeps showing it while it fades, and loads it once).
 */
export function useNotePreview(
  pictureRef: RefObject<HTMLElement>,
  isAbove: boolean,
): {
  anchor: PreviewAnchor | undefined;
  lastNoteId: string | undefined;
  show: (note: NoteRecord | undefined, marker: HTMLElement) => void;
} {
  const [anchor, setAnchor] = useState<PreviewAnchor>();
  const [lastNoteId, setLastNoteId] = useState<string>();

  function show(note: NoteRecord | undefined, marker: HTMLElement) {
    const picture = pictureRef.current;
    if (!note || !picture) return setAnchor(undefined);
    const box = picture.getBoundingClientRect();
    const at = marker.getBoundingClientRect();
    setLastNoteId(note.id);
    setAnchor({
      x: at.left + at.width / 2 - box.left,
      y: (isAbove ? at.top : at.bottom) - box.top,
      pictureWidth: box.width,
    });
  }

  return { anchor, lastNoteId, show };
}
