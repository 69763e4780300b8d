import { findSession, openSession } from './composer-sessions';
import {
  acceptRequest,
  type Request,
  type ResponseValue,
  type Sender,
  senderKind,
} from './messages';
import type { OverlayHub } from './overlay-hub';
import { type CuecardsDatabase, getNote, putNote, setNoteDeleted } from './store';

export interface RouterDeps {
  db: CuecardsDatabase;
  hub: OverlayHub;
  extensionId: string;
  extensionOrigin: string;
  /** Injects the overlay into one frame of a tab. */
  injectOverlay: (tabId: number, frameIds: number[]) => Promise<void>;
  /** Frames of a tab that hold a `<video>`, for a shortcut pressed before any was detected. */
  framesWithVideo: (tabId: number) => Promise<number[]>;
}

type Answer = { ok: true; value: unknown } | { ok: false; error: string };

export function createRouter(deps: RouterDeps) {
  const { db, hub } = deps;

  /**
   * Opens the editor over the video the viewer means: one that is playing, else the one in
   * the frame where the shortcut was pressed, else the one used last.
   */
  async function openComposerInTab(tabId: number, pressedInFrame?: number): Promise<boolean> {
    if (hub.framesOfTab(tabId).length === 0) {
      const frameIds = await deps.framesWithVideo(tabId);
      if (frameIds.length === 0) return false;
      await deps.injectOverlay(tabId, frameIds);
    }
    const frames = hub.framesOfTab(tabId);
    const frame =
      frames.find((candidate) => candidate.isPlaying) ??
      frames.find((candidate) => candidate.frameId === pressedInFrame) ??
      frames[0] ??
      (await hub.waitForFrame(tabId, 5_000));
    return frame ? hub.post(tabId, frame.frameId, { type: 'open-composer' }) : false;
  }

  async function handle(request: Request, sender: Sender): Promise<unknown> {
    const tabId = sender.tab?.id ?? -1;
    const frameId = sender.frameId ?? 0;
    switch (request.type) {
      case 'overlay.inject': {
        if (hub.has(tabId, frameId)) return false;
        await deps.injectOverlay(tabId, [frameId]);
        return true;
      }
      case 'command':
        return openComposerInTab(tabId, frameId);
      case 'note.save':
        return putNote(db, request.note, request.video);
      case 'note.delete':
        return setNoteDeleted(db, request.id, true, request.updatedAt);
      case 'note.restore':
        return setNoteDeleted(db, request.id, false, request.updatedAt);
      case 'composer.open':
        await openSession({
          token: request.token,
          tabId,
          frameId,
          video: request.video,
          t: request.t,
          noteId: request.noteId,
        });
        return true satisfies ResponseValue['composer.open'];
      case 'composer.session': {
        const session = await findSession(request.token);
        if (!session || session.tabId !== tabId) throw new UserError('This editor has expired.');
        const note = session.noteId ? await getNote(db, session.noteId) : undefined;
        const value: ResponseValue['composer.session'] = {
          video: session.video,
          t: note?.t ?? session.t,
          note:
            note && !note.deleted
              ? { id: note.id, text: note.text, createdAt: note.createdAt, t: note.t }
              : undefined,
        };
        return value;
      }
      case 'composer.submit': {
        const session = await findSession(request.token);
        if (!session || session.tabId !== tabId) throw new UserError('This editor has expired.');
        const stored = session.noteId ? await getNote(db, session.noteId) : undefined;
        return putNote(
          db,
          {
            ...request.note,
            videoKey: stored?.videoKey ?? session.video.key,
            t: stored?.t ?? session.t,
          },
          stored ? undefined : session.video,
        );
      }
      case 'composer.close': {
        const session = await findSession(request.token);
        if (!session || session.tabId !== tabId) return false;
        return hub.post(session.tabId, session.frameId, {
          type: 'composer.closed',
          token: session.token,
          saved: request.saved,
        });
      }
      case 'tab.videos':
        return hub.videosOfTab(request.tabId);
      case 'tab.seek':
        return hub.post(request.tabId, request.frameId, { type: 'seek', t: request.t });
    }
  }

  return {
    openComposerInTab,
    async onMessage(message: unknown, sender: Sender): Promise<Answer> {
      const accepted = acceptRequest(
        message,
        senderKind(sender, deps.extensionId, deps.extensionOrigin),
      );
      if (!accepted.ok) return accepted;
      try {
        return { ok: true, value: await handle(accepted.request, sender) };
      } catch (error) {
        if (error instanceof UserError) return { ok: false, error: error.message };
        console.error('Cuecards: request failed', accepted.request.type, error);
        return { ok: false, error: 'Cuecards could not save this. Please try again.' };
      }
    },
  };
}

class UserError extends Error {}
