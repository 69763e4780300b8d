// The notes list frame's end of its port to the worker.
import { browser } from 'wxt/browser';
import type { NoteRecord } from '../model/records';
import { type NotesListHello, type NotesListPush, notesListPortName } from './protocol';

const reconnectDelaysMs = [0, 100, 250, 500, 1000, 2000];

/**
 * Names the list's session and receives the video's notes, now and after every change. The
 * worker is stopped when idle, which closes the port: the list reconnects and names its
 * session again (the session outlives the worker). Returns the function that closes it.
 */
export function watchNotesList(
  token: string,
  onNotes: (notes: readonly NoteRecord[]) => void,
): () => void {
  let port: ReturnType<typeof browser.runtime.connect> | undefined;
  let isClosed = false;
  let failures = 0;

  function open() {
    if (isClosed) return;
    const opened = Date.now();
    port = browser.runtime.connect({ name: notesListPortName });
    port.onMessage.addListener((message: unknown) => {
      failures = 0;
      const push = message as NotesListPush;
      if (push.type === 'notes') onNotes(push.notes);
    });
    port.onDisconnect.addListener(() => {
      port = undefined;
      if (isClosed) return;
      if (Date.now() - opened > 5_000) failures = 0;
      const delay = reconnectDelaysMs[Math.min(failures++, reconnectDelaysMs.length - 1)];
      setTimeout(open, delay);
    });
    port.postMessage({ type: 'notes.watch', token } satisfies NotesListHello);
  }

  open();
  return () => {
    isClosed = true;
    port?.disconnect();
  };
}
