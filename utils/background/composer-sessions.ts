// Worker only: the editor sessions open in overlays, each bound to its token.
import { storage } from 'wxt/utils/storage';
import type { ComposerSession } from '../messaging/protocol';

/**
 * A session stays a while after it closed, so a close, a save or a "closed" push delivered
 * again after the worker stopped finds it and changes nothing, and an overlay that
 * reconnects learns its editor is closed. A session closed after it was lost (see
 * `closeSession`) keeps only its tab.
 */
export type StoredSession =
  | (ComposerSession & { closedAt?: number; wasSaved?: boolean })
  | { token: string; tabId: number; closedAt: number; wasSaved: boolean; video?: undefined };

const keepClosedMs = 30 * 60_000;

// Kept in session storage so an editor left open survives the worker being stopped.
const sessionsItem = storage.defineItem<Record<string, StoredSession>>('session:composer', {
  fallback: {},
});

// Requests are handled concurrently: each change reads and writes the whole map in turn.
let pending: Promise<unknown> = Promise.resolve();
function change<T>(edit: (sessions: Record<string, StoredSession>) => T | Promise<T>): Promise<T> {
  const result = pending.then(async () => {
    // A copy: WXT hands out its fallback object itself while nothing is stored.
    const sessions = { ...(await sessionsItem.getValue()) };
    const value = await edit(sessions);
    await sessionsItem.setValue(sessions);
    return value;
  });
  pending = result.catch(() => undefined);
  return result;
}

const own = (sessions: Record<string, StoredSession>, token: string) =>
  Object.hasOwn(sessions, token) ? sessions[token] : undefined;

/**
 * Opens a session, or finds the one this token already opened (the overlay's request,
 * delivered again, changes nothing). One editor per frame: a new one closes the others.
 */
export function openSession(session: ComposerSession): Promise<ComposerSession> {
  return change((sessions) => {
    const existing = own(sessions, session.token);
    if (existing?.video) return existing;
    const now = Date.now();
    for (const [token, other] of Object.entries(sessions)) {
      if (other.closedAt !== undefined) {
        if (now - other.closedAt > keepClosedMs) delete sessions[token];
      } else if (
        other.video &&
        other.tabId === session.tabId &&
        other.frameId === session.frameId
      ) {
        sessions[token] = { ...other, closedAt: now };
      }
    }
    sessions[session.token] = session;
    return session;
  });
}

/** The session of `token` while it is open. */
export async function findSession(token: string): Promise<ComposerSession | undefined> {
  await pending;
  const session = own(await sessionsItem.getValue(), token);
  return session?.video && session.closedAt === undefined ? session : undefined;
}

/** The session of `token`, open or closed a short while ago. */
export async function findSessionEvenClosed(token: string): Promise<StoredSession | undefined> {
  await pending;
  return own(await sessionsItem.getValue(), token);
}

/**
 * Marks a session closed; one this worker no longer knows (it is lost, e.g. with the
 * browser's session storage) is remembered as closed in `tabId`.
 */
export function closeSession(token: string, tabId: number, wasSaved: boolean): Promise<void> {
  return change((sessions) => {
    const session = own(sessions, token);
    if (session?.closedAt !== undefined) return;
    const closedAt = Date.now();
    sessions[token] = session
      ? { ...session, closedAt, wasSaved }
      : { token, tabId, closedAt, wasSaved };
  });
}

/** Binds a session to the editor frame that first asked for it: no other frame is answered. */
export function bindSessionEditor(token: string, editorFrameId: number): Promise<void> {
  return change((sessions) => {
    const session = own(sessions, token);
    if (!session?.video || session.editorFrameId !== undefined) return;
    sessions[token] = { ...session, editorFrameId };
  });
}
