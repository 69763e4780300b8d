// Worker only: the notes lists open in overlays, each bound to its token, its frame and its video.
import * as v from 'valibot';
import type { Browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { NotesListHelloSchema } from '../messaging/protocol';
import type { OverlayHub } from './overlay-hub';

/** A notes list an overlay opened: it shows that frame's video and acts on that frame. */
export interface NotesListSession {
  token: string;
  tabId: number;
  frameId: number;
  videoKey: string;
}

// Kept in session storage so a list left open reconnects after the worker was stopped.
const sessionsItem = storage.defineItem<Record<string, NotesListSession>>('session:notes-lists', {
  fallback: {},
});

export async function openNotesListSession(session: NotesListSession): Promise<void> {
  const sessions = await sessionsItem.getValue();
  // One list per frame: a new one replaces the one that frame had.
  for (const [token, other] of Object.entries(sessions)) {
    if (other.tabId === session.tabId && other.frameId === session.frameId) delete sessions[token];
  }
  sessions[session.token] = session;
  await sessionsItem.setValue(sessions);
}

export async function findNotesListSession(token: string): Promise<NotesListSession | undefined> {
  const sessions = await sessionsItem.getValue();
  return Object.hasOwn(sessions, token) ? sessions[token] : undefined;
}

/**
 * The list frame's port: its first message names its session, and from then on it is sent
 * that session's notes. A port from anything but our page in the session's tab is closed.
 */
export function connectNotesList(
  port: Browser.runtime.Port,
  hub: OverlayHub,
  extensionOrigin: string,
): void {
  const isOurPage = port.sender?.url?.startsWith(extensionOrigin) ?? false;
  if (!isOurPage) {
    port.disconnect();
    return;
  }
  const onHello = async (message: unknown) => {
    port.onMessage.removeListener(onHello);
    const parsed = v.safeParse(NotesListHelloSchema, message);
    const session = parsed.success ? await findNotesListSession(parsed.output.token) : undefined;
    if (session && session.tabId === port.sender?.tab?.id) hub.watchForList(port, session.videoKey);
    else port.disconnect();
  };
  port.onMessage.addListener(onHello);
}
