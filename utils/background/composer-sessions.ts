// Worker only: the editor sessions open in overlays, each bound to its token.
import { storage } from 'wxt/utils/storage';
import type { ComposerSession } from '../messaging/protocol';

// Kept in session storage so an editor left open survives the worker being stopped.
const sessionsItem = storage.defineItem<Record<string, ComposerSession>>('session:composer', {
  fallback: {},
});

export async function openSession(session: ComposerSession): Promise<void> {
  const sessions = await sessionsItem.getValue();
  // One editor per frame: a new one replaces the sessions that frame had.
  for (const [token, other] of Object.entries(sessions)) {
    if (other.tabId === session.tabId && other.frameId === session.frameId) delete sessions[token];
  }
  sessions[session.token] = session;
  await sessionsItem.setValue(sessions);
}

export async function findSession(token: string): Promise<ComposerSession | undefined> {
  const sessions = await sessionsItem.getValue();
  return Object.hasOwn(sessions, token) ? sessions[token] : undefined;
}

export async function closeSession(token: string): Promise<void> {
  const sessions = await sessionsItem.getValue();
  if (!Object.hasOwn(sessions, token)) return;
  delete sessions[token];
  await sessionsItem.setValue(sessions);
}

/** Binds a session to the editor frame that first asked for it: no other frame is answered. */
export async function bindSessionEditor(token: string, editorFrameId: number): Promise<void> {
  const sessions = await sessionsItem.getValue();
  const session = Object.hasOwn(sessions, token) ? sessions[token] : undefined;
  if (!session || session.editorFrameId !== undefined) return;
  sessions[token] = { ...session, editorFrameId };
  await sessionsItem.setValue(sessions);
}
