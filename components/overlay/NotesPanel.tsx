import type { NoteRecord } from '@/utils/records';
import { formatTimestamp } from '@/utils/time';

export function NotesPanel(props: {
  notes: readonly NoteRecord[];
  onSeek: (t: number) => void;
  onEdit: (note: NoteRecord) => void;
  onDelete: (note: NoteRecord) => void;
  onClose: () => void;
  onCopyMarkdown: () => void;
  onDownloadMarkdown: () => void;
}) {
  return (
    <section class="panel" aria-label="Notes on this video">
      <header class="panel-header">
        <h2>Notes</h2>
        <button type="button" class="icon-button" aria-label="Hide notes" onClick={props.onClose}>
          ×
        </button>
      </header>
      {props.notes.length === 0 ? (
        <p class="empty">No notes yet. Press Alt+Shift+N or “+ Note” to add one.</p>
      ) : (
        <ol class="notes">
          {props.notes.map((note) => {
            const time = formatTimestamp(note.t);
            return (
              <li key={note.id} class="note">
                <button
                  type="button"
                  class="time"
                  aria-label={`Seek to ${time}`}
                  onClick={() => props.onSeek(note.t)}
                >
                  {time}
                </button>
                <p class="note-text">{note.text}</p>
                <div class="note-actions">
                  <button
                    type="button"
                    aria-label={`Edit note at ${time}`}
                    onClick={() => props.onEdit(note)}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    aria-label={`Delete note at ${time}`}
                    onClick={() => props.onDelete(note)}
                  >
                    Delete
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {props.notes.length > 0 && (
        <footer class="panel-footer">
          <button type="button" class="text-button" onClick={props.onCopyMarkdown}>
            Copy Markdown
          </button>
          <button type="button" class="text-button" onClick={props.onDownloadMarkdown}>
            Download Markdown
          </button>
        </footer>
      )}
    </section>
  );
}
