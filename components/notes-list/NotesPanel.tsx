import { i18n } from '#i18n';
import { ConflictMark } from '@/components/sync/ConflictMark';
import type { NoteRecord } from '@/utils/model/records';
import { formatTimestamp } from '@/utils/timeline/time';

/** The notes of the video, in time order: a click on a time seeks there; edit, delete, export. */
export function NotesPanel(props: {
  notes: readonly NoteRecord[];
  onSeek: (note: NoteRecord) => void;
  onEdit: (note: NoteRecord) => void;
  onDelete: (note: NoteRecord) => void;
  onClose: () => void;
  onCopyMarkdown: () => void;
  onDownloadMarkdown: () => void;
}) {
  return (
    <section class="panel" aria-label={i18n.t('overlay.notesRegion')}>
      <header class="panel-header">
        <h2>{i18n.t('overlay.notesHeading')}</h2>
        <button
          type="button"
          class="icon-button"
          aria-label={i18n.t('overlay.hideNotes')}
          onClick={props.onClose}
        >
          ×
        </button>
      </header>
      {props.notes.length === 0 ? (
        <p class="empty">{i18n.t('overlay.noNotes')}</p>
      ) : (
        <ol class="notes">
          {props.notes.map((note) => {
            const time = formatTimestamp(note.t);
            return (
              <li key={note.id} class="note">
                <button
                  type="button"
                  class="time"
                  aria-label={i18n.t('common.seekTo', [time])}
                  onClick={() => props.onSeek(note)}
                >
                  {time}
                </button>
                <ConflictMark conflictOf={note.conflictOf} />
                <p class="note-text">{note.text}</p>
                <div class="note-actions">
                  <button
                    type="button"
                    aria-label={i18n.t('note.editAt', [time])}
                    onClick={() => props.onEdit(note)}
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
              </li>
            );
          })}
        </ol>
      )}
      {props.notes.length > 0 && (
        <footer class="panel-footer">
          <button type="button" class="text-button" onClick={props.onCopyMarkdown}>
            {i18n.t('common.copyMarkdown')}
          </button>
          <button type="button" class="text-button" onClick={props.onDownloadMarkdown}>
            {i18n.t('common.downloadMarkdown')}
          </button>
        </footer>
      )}
    </section>
  );
}
