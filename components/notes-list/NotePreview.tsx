import { useEffect, useState } from 'preact/hooks';
import { watchNotesList } from '@/utils/messaging/notes-list-port';
import type { NoteRecord } from '@/utils/model/records';
import { formatTimestamp } from '@/utils/timeline/time';

const noteIdInFragment = () => decodeURIComponent(location.hash.slice(1));

/**
 * A marker's note, as its tooltip, in a frame over the video: the overlay names the note
 * in this page's fragment as the viewer points at one marker after another.
 */
export function NotePreview(props: { token: string }) {
  const [notes, setNotes] = useState<readonly NoteRecord[]>([]);
  const [noteId, setNoteId] = useState(noteIdInFragment);

  useEffect(() => watchNotesList(props.token, setNotes), [props.token]);
  useEffect(() => {
    const onHashChange = () => setNoteId(noteIdInFragment());
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  const note = notes.find((candidate) => candidate.id === noteId);
  if (!note) return null;
  return (
    <p class="note-preview-tip" role="tooltip">
      <span class="marker-time">{formatTimestamp(note.t)}</span> {note.text.slice(0, 280)}
    </p>
  );
}
