// Worker only: every request, checked against its sender's rights and its schema, answered from the store.
import * as v from 'valibot';
import { i18n } from '#i18n';
import { parseDeckFile } from '../formats/deck-file';
import {
  acceptRequest,
  type CardPrefill,
  type CommandName,
  type ComposerTarget,
  type Request,
  type ResponseValue,
  type Sender,
  senderKind,
} from '../messaging/protocol';
import { CardInputSchema, describeIssue, limits } from '../model/records';
import { isSiteDisabled, loadSettings } from '../model/settings';
import { importDeck } from '../store/bulk';
import {
  type CuecardsDatabase,
  getCard,
  getNote,
  putCard,
  putNote,
  setCardDeleted,
  setNoteDeleted,
} from '../store/database';
import { videoMarkdown } from '../store/exports';
import type { SyncEngine } from '../sync/engine';
import { leadingTimestamp } from '../timeline/time';
import { closeSession, findSession, openSession } from './composer-sessions';
import { findNotesListSession, openNotesListSession } from './notes-list-sessions';
import type { OverlayHub } from './overlay-hub';

export interface RouterDeps {
  db: CuecardsDatabase;
  hub: OverlayHub;
  extensionId: string;
  extensionOrigin: string;
  /** Injects the overlay into one frame of a tab. */
  injectOverlay: (tabId: number, frameIds: number[]) => Promise<void>;
  /** Frames of a tab that hold a `<video>`, for a shortcut pressed before any was detected. */
  framesWithVideo: (tabId: number) => Promise<number[]>;
  sync: Pick<SyncEngine, 'connect' | 'syncNow' | 'disconnect'>;
}

type Answer = { ok: true; value: unknown } | { ok: false; error: string };

export function createRouter(deps: RouterDeps) {
  const { db, hub } = deps;

  /**
   * The overlay of the video the viewer means: one that is playing, else the one in the
   * frame where they acted, else the one used last. Injects overlays if there are none yet.
   */
  async function chooseFrame(tabId: number, actedInFrame?: number) {
    if (hub.framesOfTab(tabId).length === 0) {
      const frameIds = await deps.framesWithVideo(tabId);
      if (frameIds.length === 0) return undefined;
      await deps.injectOverlay(tabId, frameIds);
    }
    const frames = hub.framesOfTab(tabId);
    return (
      frames.find((candidate) => candidate.isPlaying) ??
      frames.find((candidate) => candidate.frameId === actedInFrame) ??
      frames[0] ??
      (await hub.waitForFrame(tabId, 5_000))
    );
  }

  async function runCommand(tabId: number, name: CommandName, actedInFrame?: number) {
    const frame = await chooseFrame(tabId, actedInFrame);
    if (!frame) return false;
    const kind = name === 'add-card' ? 'card' : 'note';
    return hub.post(tabId, frame.frameId, { type: 'open-composer', kind });
  }

  /** "Clip as trivia card": the selected text becomes a new card of the tab's video. */
  async function clipSelection(
    tabId: number,
    selection: string,
    pageUrl: string | undefined,
    actedInFrame?: number,
  ) {
    const frame = await chooseFrame(tabId, actedInFrame);
    if (!frame) return false;
    const clipped = leadingTimestamp(selection.trim());
    const prefill: CardPrefill = {
      text: (clipped?.rest ?? selection.trim()).slice(0, limits.cardText),
      start: clipped?.seconds,
      source: pageUrl && /^https?:\/\//i.test(pageUrl) ? pageUrl.slice(0, limits.url) : undefined,
    };
    return hub.post(tabId, frame.frameId, { type: 'open-composer', kind: 'card', prefill });
  }

  async function handle(request: Request, sender: Sender): Promise<unknown> {
    const tabId = sender.tab?.id ?? -1;
    const frameId = sender.frameId ?? 0;
    switch (request.type) {
      case 'overlay.inject': {
        if (hub.has(tabId, frameId)) return false;
        if (await isOffFor(sender)) return false;
        await deps.injectOverlay(tabId, [frameId]);
        // A frame whose detector ran too late to hear its video (a frame process started
        // before the extension's scripts reached it) is found from here instead.
        const others = (await deps.framesWithVideo(tabId)).filter(
          (other) => other !== frameId && !hub.has(tabId, other),
        );
        if (others.length > 0) await deps.injectOverlay(tabId, others);
        return true;
      }
      case 'command':
        return runCommand(tabId, request.name, frameId);
      case 'note.delete':
        return setNoteDeleted(db, request.id, true, request.updatedAt);
      case 'note.restore':
        return setNoteDeleted(db, request.id, false, request.updatedAt);
      case 'card.delete':
        return setCardDeleted(db, request.id, true, request.updatedAt);
      case 'card.restore':
        return setCardDeleted(db, request.id, false, request.updatedAt);
      case 'composer.open':
        await openSession({
          token: request.token,
          tabId,
          frameId,
          video: request.video,
          target: request.target,
        });
        return true satisfies ResponseValue['composer.open'];
      case 'composer.session': {
        const { video, target } = await sessionOf(request.token, tabId);
        const value: ResponseValue['composer.session'] = { video, target };
        if (target.kind === 'note' && target.noteId) {
          const note = await getNote(db, target.noteId);
          if (note && !note.deleted) {
            value.note = { id: note.id, text: note.text, createdAt: note.createdAt, t: note.t };
          }
        }
        if (target.kind === 'card' && target.cardId) {
          const card = await getCard(db, target.cardId);
          if (card && !card.deleted) value.card = card;
        }
        return value;
      }
      case 'composer.submit': {
        const { video, target } = await sessionOf(request.token, tabId);
        if (target.kind !== 'note') throw new UserError(editorIsFor(target.kind));
        const stored = target.noteId ? await getNote(db, target.noteId) : undefined;
        return putNote(
          db,
          { ...request.note, videoKey: stored?.videoKey ?? video.key, t: stored?.t ?? target.t },
          stored ? undefined : video,
        );
      }
      case 'composer.submit-card': {
        const { video, target } = await sessionOf(request.token, tabId);
        if (target.kind !== 'card') throw new UserError(editorIsFor(target.kind));
        const stored = target.cardId ? await getCard(db, target.cardId) : undefined;
        const source = stored?.source ?? target.prefill?.source;
        const card = {
          ...request.card,
          videoKey: stored?.videoKey ?? video.key,
          ...(source ? { source } : {}),
        };
        if (card.link === undefined) delete card.link;
        const checked = checkCard(card);
        if (checked) throw new UserError(checked);
        return putCard(db, card, stored ? undefined : video);
      }
      case 'composer.close': {
        const session = await findSession(request.token);
        if (!session || session.tabId !== tabId) return false;
        await closeSession(session.token);
        // Answer the editor before its frame is removed, so the answer has somewhere to go.
        setTimeout(() =>
          hub.post(session.tabId, session.frameId, {
            type: 'composer.closed',
            token: session.token,
            saved: request.saved,
          }),
        );
        return true;
      }
      case 'notes.open': {
        // The list shows the video this frame's overlay watches, and only when the overlay
        // means that one: just after the player moved on, the worker may not know yet.
        const video = hub.videoOf(tabId, frameId);
        if (video?.key !== request.videoKey) throw new UserError(i18n.t('error.noVideoInFrame'));
        await openNotesListSession({ token: request.token, tabId, frameId, videoKey: video.key });
        return true satisfies ResponseValue['notes.open'];
      }
      case 'notes.act': {
        const session = await findNotesListSession(request.token);
        if (!session || session.tabId !== tabId) return false;
        return hub.post(session.tabId, session.frameId, {
          type: 'notes.act',
          token: session.token,
          action: request.action,
        });
      }
      case 'tab.videos':
        return hub.videosOfTab(request.tabId);
      case 'tab.seek':
        return hub.post(request.tabId, request.frameId, { type: 'seek', t: request.t });
      case 'deck.import': {
        const parsed = parseDeckFile(request.text);
        if (!parsed.ok) throw new UserError(parsed.error);
        const outcome = await importDeck(db, parsed.value, request.from);
        return {
          ...outcome,
          title: parsed.value.deck.title,
          cardCount: parsed.value.cards.length,
        } satisfies ResponseValue['deck.import'];
      }
      case 'video.markdown': {
        const video = hub.videoOf(tabId, frameId);
        if (!video) throw new UserError(i18n.t('error.noVideoInFrame'));
        const file = await videoMarkdown(db, video.key);
        if (!file) throw new UserError(i18n.t('common.nothingToExport'));
        return {
          name: file.name,
          text: String(file.data),
        } satisfies ResponseValue['video.markdown'];
      }
      case 'tab.edit-card':
        return hub.post(request.tabId, request.frameId, {
          type: 'open-composer',
          kind: 'card',
          cardId: request.cardId,
        });
      case 'sync.connect': {
        const { type: _, ...connection } = request;
        const connected = await deps.sync.connect(connection);
        // The first round runs on: with many notes it takes a while, and the pages follow it.
        if (connected.ok) {
          void deps.sync.syncNow().catch((error) => console.error('Cuecards: sync failed', error));
        }
        return connected satisfies ResponseValue['sync.connect'];
      }
      case 'sync.now':
        return deps.sync.syncNow();
      case 'sync.disconnect':
        return deps.sync.disconnect();
    }
  }

  /** Whether the viewer turned Cuecards off for the frame's site or the tab's. */
  async function isOffFor(sender: Sender): Promise<boolean> {
    const { disabledSites } = await loadSettings();
    if (disabledSites.length === 0) return false;
    return [sender.url, sender.tab?.url].some((url) => {
      if (!url || !URL.canParse(url)) return false;
      return isSiteDisabled(new URL(url).hostname, disabledSites);
    });
  }

  async function sessionOf(token: string, tabId: number) {
    const session = await findSession(token);
    if (!session || session.tabId !== tabId) throw new UserError(i18n.t('error.editorExpired'));
    return session;
  }

  return {
    runCommand,
    clipSelection,
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
        return { ok: false, error: i18n.t('error.couldNotSave') };
      }
    },
  };
}

class UserError extends Error {}

const editorIsFor = (kind: ComposerTarget['kind']) =>
  kind === 'note'
    ? i18n.t('error.editorForNote')
    : kind === 'card'
      ? i18n.t('error.editorForCard')
      : i18n.t('error.editorForDeck');

/** The whole-card checks (end after start, some words) that field schemas cannot make. */
function checkCard(card: unknown): string | undefined {
  const parsed = v.safeParse(CardInputSchema, card);
  return parsed.success ? undefined : describeIssue(parsed.issues);
}
