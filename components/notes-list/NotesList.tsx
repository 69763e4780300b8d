import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { watchNotesList } from '@/utils/messaging/notes-list-port';
import { createOutbox } from '@/utils/messaging/outbox';
import type { NotesListAction } from '@/utils/messaging/protocol';
import { sendRequest } from '@/utils/messaging/request';
import type { NoteRecord } from '@/utils/model/records';
import { NotesPanel } from './NotesPanel';

/**
 * The notes list page, in a frame over the video: its text lives in the extension's
 * origin, where the page can neither find nor read it. What the viewer does here goes
 * through the worker to the overlay that opened the list, which owns the video.
 */
export function NotesList(props: { token: string }) {
  const { token } = props;
  const [notes, setNotes] = useState<readonly NoteRecord[]>();
  const reportedHeight = useRef<number>();

  useEffect(() => watchNotesList(token, setNotes), [token]);

  // In order, each sent again until the worker answers; its id has the overlay act once.
  const outbox = useMemo(() => createOutbox(sendRequest), []);
  const act = (action: NotesListAction) =>
    void outbox.push({ type: 'notes.act', token, id: crypto.randomUUID(), action });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') act({ kind: 'close' });
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [token]);

  // The frame is as tall as the list wants (the overlay caps it); the list scrolls beyond.
  useLayoutEffect(() => {
    const panel = document.querySelector<HTMLElement>('.panel');
    if (!panel) return;
    const height = naturalHeight(panel);
    if (height === reportedHeight.current) return;
    reportedHeight.current = height;
    act({ kind: 'size', height });
  });

  if (!notes) return null;
  return (
    <NotesPanel
      notes={notes}
      onSeek={(note) => act({ kind: 'seek', noteId: note.id })}
      onEdit={(note) => act({ kind: 'edit', noteId: note.id })}
      onDelete={(note) => act({ kind: 'delete', noteId: note.id })}
      onClose={() => act({ kind: 'close' })}
      onCopyMarkdown={() => act({ kind: 'export', how: 'copy' })}
      onDownloadMarkdown={() => act({ kind: 'export', how: 'download' })}
    />
  );
}

/**
 * The panel's height with nothing cut: the frame's own height caps the panel, so each part
 * is measured whole, the scrolling list by its content.
 */
function naturalHeight(panel: HTMLElement): number {
  let height = panel.offsetHeight - panel.clientHeight;
  for (const part of panel.children) {
    const element = part as HTMLElement;
    height += element.classList.contains('notes') ? element.scrollHeight : element.offsetHeight;
  }
  return Math.ceil(height);
}
