// Worker only: every request, checked against its sender's rights and its schema, answered from the store.
import * as v from 'valibot';
import { i18n } from '#i18n';
import { parseDeckFile } from '../formats/deck-file';
import { readShareLink } from '../formats/share-link';
import {
  acceptRequest,
  type CardPrefill,
  type CommandName,
  type ComposerSession,
  type ComposerTarget,
  type Request,
  type ResponseValue,
  type Sender,
  type SenderKind,
  senderKind,
} from '../messaging/protocol';
import { uuidv7 } from '../model/ids';
import { CardInputSchema, describeIssue, limits, type VideoInfo } from '../model/records';
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
import {
  bindSessionEditor,
  closeSession,
  findSession,
  findSessionEvenClosed,
  openSession,
} from './composer-sessions';
import { findNotesListSession, openNotesListSession } from './notes-list-sessions';
import type { OverlayHub } from './overlay-hub';
import { findOffer, keepOffer } from './shared-deck-offers';

export interface RouterDeps {
  db: CuecardsDatabase;
  hub: OverlayHub;
  extensionId: string;
  extensionOrigin: string;
  /** Injects the overlay into one frame of a tab. */
  injectOverlay: (tabId: number, frameIds: number[]) => Promise<void>;
  /** How long a content script's request waits for its frame to say what it watches. */
  videoWaitMs?: number;
  /** Opens an extension page in a new tab next to `openerTabId`. */
  openTab: (url: string, openerTabId: number) => Promise<void>;
  /** Frames of a tab that hold a `<video>`, for a shortcut pressed before any was detected. */
  framesWithVideo: (tabId: number) => Promise<number[]>;
  sync: Pick<SyncEngine, 'connect' | 'syncNow' | 'disconnect'>;
  /**
   * While an editor has the keyboard, the tab's other frames hold the keys that land on
   * them (a page around an embedded player may take focus), and give focus back to it.
   */
  holdKeys?: (tabId: number, isHeld: boolean) => Promise<void>;
}

type Answer = { ok: true; value: unknown } | { ok: false; error: string; isExpired?: true };

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

  /**
   * A shortcut: the overlay the viewer means opens an editor. `commandId` names this press:
   * the overlay opens one editor for it however often it is delivered.
   */
  async function runCommand(
    tabId: number,
    name: CommandName,
    actedInFrame?: number,
    commandId: string = newRequestId(),
  ) {
    const frame = await chooseFrame(tabId, actedInFrame);
    if (!frame) return false;
    const kind = name === 'add-card' ? 'card' : 'note';
    return hub.post(tabId, frame.frameId, { type: 'open-composer', kind, commandId });
  }

  /**
   * Tells the overlay of `tabId` that shows the editor of `token` (or, failing that, the
   * one that opened it) that it closed. Overlays say which editor they show each time they
   * connect: one that was not connected now is told then (see `editorReported`).
   */
  function postClosed(tabId: number, token: string, saved: boolean, frameId?: number) {
    hub.postToEditor(tabId, token, { type: 'composer.closed', token, saved }, frameId);
  }

  /** An overlay (re)connected showing the editor of `token`: closed meanwhile, it closes. */
  async function editorReported(tabId: number, frameId: number, token: string) {
    const session = await findSessionEvenClosed(token);
    if (session?.closedAt === undefined || session.tabId !== tabId) return;
    hub.post(tabId, frameId, { type: 'composer.closed', token, saved: session.wasSaved ?? false });
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
    return hub.post(tabId, frame.frameId, {
      type: 'open-composer',
      kind: 'card',
      prefill,
      commandId: newRequestId(),
    });
  }

  /**
   * The video a content script's request must be about: the one its frame's overlay shows.
   * Extension pages may ask about any video (undefined).
   */
  async function videoShownTo(
    kind: SenderKind,
    tabId: number,
    frameId: number,
  ): Promise<VideoInfo | undefined> {
    if (kind !== 'content-script') return undefined;
    // A worker just woken hears a frame's request before its port has said again what it
    // watches (and the frame's address has been checked): that takes a moment.
    const video = await hub.videoOfSoon(tabId, frameId, deps.videoWaitMs ?? 2_000);
    if (!video) throw new UserError(i18n.t('error.noVideoInFrame'));
    return video;
  }

  /** Refuses a record (when it exists) of another video than the one the frame shows. */
  function checkShown(shown: VideoInfo | undefined, record: { videoKey: string } | undefined) {
    if (shown && record && record.videoKey !== shown.key) {
      throw new UserError(i18n.t('error.notThisVideo'));
    }
  }

  async function handle(request: Request, sender: Sender, kind: SenderKind): Promise<unknown> {
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
        return runCommand(tabId, request.name, frameId, request.id);
      case 'note.delete':
      case 'note.restore': {
        const shown = await videoShownTo(kind, tabId, frameId);
        if (shown) checkShown(shown, await getNote(db, request.id));
        const deleted = request.type === 'note.delete';
        return setNoteDeleted(db, request.id, deleted, request.updatedAt);
      }
      case 'card.delete':
      case 'card.restore': {
        const shown = await videoShownTo(kind, tabId, frameId);
        if (shown) checkShown(shown, await getCard(db, request.id));
        const deleted = request.type === 'card.delete';
        return setCardDeleted(db, request.id, deleted, request.updatedAt);
      }
      case 'composer.open': {
        const shown = await videoShownTo(kind, tabId, frameId);
        const { target } = request;
        if (shown) {
          if (request.video.key !== shown.key) throw new UserError(i18n.t('error.notThisVideo'));
          // A shared deck is shown in an extension tab, where the page cannot cover it.
          if (target.kind === 'deck') {
            throw new UserError(i18n.t('request.notFromPage', [request.type]));
          }
          if (target.kind === 'note' && target.noteId) {
            checkShown(shown, await getNote(db, target.noteId));
          }
          if (target.kind === 'card' && target.cardId) {
            checkShown(shown, await getCard(db, target.cardId));
          }
        }
        await openSession({
          token: request.token,
          tabId,
          frameId,
          video: request.video,
          target: withOwnId(target),
        });
        return true satisfies ResponseValue['composer.open'];
      }
      case 'composer.resume': {
        // Only an editor's own frame, in the tab of the overlay that shows it.
        if (kind !== 'extension-frame') throw new UserError(i18n.t('error.editorExpired'));
        const known = await findSessionEvenClosed(request.token);
        if (known?.video) {
          if (!isEditorOf(known, sender)) throw new UserError(i18n.t('error.editorExpired'));
          return true satisfies ResponseValue['composer.resume'];
        }
        if (known && known.tabId !== tabId) throw new UserError(i18n.t('error.editorExpired'));
        await openSession({
          token: request.token,
          tabId,
          frameId: hub.frameWithEditor(tabId, request.token) ?? -1,
          editorFrameId: frameId,
          video: request.video,
          target: withOwnId(request.target),
        });
        return true satisfies ResponseValue['composer.resume'];
      }
      case 'composer.session': {
        const { video, target } = await sessionOf(request.token, sender);
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
        const { video, target } = await sessionOf(request.token, sender);
        if (target.kind !== 'note') throw new UserError(editorIsFor(target.kind));
        // The note is the session's from the moment the editor opened: saved twice, it is
        // the same note.
        const noteId = target.noteId ?? request.note.id;
        const stored = await getNote(db, noteId);
        return putNote(
          db,
          {
            ...request.note,
            id: noteId,
            createdAt: stored?.createdAt ?? request.note.createdAt,
            videoKey: stored?.videoKey ?? video.key,
            t: stored?.t ?? target.t,
          },
          stored ? undefined : video,
        );
      }
      case 'composer.submit-card': {
        const { video, target } = await sessionOf(request.token, sender);
        if (target.kind !== 'card') throw new UserError(editorIsFor(target.kind));
        const cardId = target.cardId ?? request.card.id;
        const stored = await getCard(db, cardId);
        const source = stored?.source ?? target.prefill?.source;
        const card = {
          ...request.card,
          id: cardId,
          createdAt: stored?.createdAt ?? request.card.createdAt,
          videoKey: stored?.videoKey ?? video.key,
          ...(source ? { source } : {}),
        };
        if (card.link === undefined) delete card.link;
        const checked = checkCard(card);
        if (checked) throw new UserError(checked);
        return putCard(db, card, stored ? undefined : video);
      }
      case 'composer.close': {
        // Closing twice is closing once: a close delivered again is answered the same.
        const session = await findSessionEvenClosed(request.token);
        if (session?.video) {
          if (!isEditorOf(session, sender)) return false;
        } else if (kind !== 'extension-frame' || (session && session.tabId !== tabId)) {
          return false;
        }
        // A lost session (the browser forgot it) is closed in the editor's tab.
        await closeSession(request.token, tabId, request.saved);
        await deps.holdKeys?.(tabId, false);
        // Answer the editor before its frame is removed, so the answer has somewhere to go.
        const overlayFrameId = session?.video ? session.frameId : undefined;
        setTimeout(() => postClosed(tabId, request.token, request.saved, overlayFrameId));
        return true;
      }
      case 'composer.keys': {
        const session = await findSession(request.token);
        // Only the overlay that opened the editor speaks for it.
        if (!session || session.tabId !== tabId || session.frameId !== frameId) return false;
        await deps.holdKeys?.(tabId, request.isHeld);
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
          id: request.id,
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
      case 'share.preview': {
        // Only the address of a top-level frame as the browser knows it: an embed's fragment
        // is the embedding page's to set, so it offers nothing.
        const link = sender.url ?? '';
        const shown = await videoShownTo(kind, tabId, frameId);
        if (kind !== 'content-script' || frameId !== 0 || !shown || !readShareLink(link)) {
          throw new UserError(i18n.t('error.noSharedDeck'));
        }
        const offerToken = crypto.randomUUID();
        await keepOffer(offerToken, { link, tabId, video: shown });
        await deps.openTab(`${deps.extensionOrigin}sharedDeck.html#${offerToken}`, tabId);
        return true satisfies ResponseValue['share.preview'];
      }
      case 'share.offer': {
        const offer = await findOffer(request.token);
        if (!offer) throw new UserError(i18n.t('error.noSharedDeck'));
        return offer satisfies ResponseValue['share.offer'];
      }
      case 'tab.edit-card':
        return hub.post(request.tabId, request.frameId, {
          type: 'open-composer',
          kind: 'card',
          cardId: request.cardId,
          commandId: request.commandId ?? newRequestId(),
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

  /**
   * The session an editor asks about. The first editor frame to ask in the session's tab is
   * bound to it; after that only that frame is answered.
   */
  async function sessionOf(token: string, sender: Sender) {
    // Closed a moment ago, it still answers its editor: a save delivered again after the
    // close (or a second Enter on an editor not closed yet) writes the same note again.
    const session = await findSessionEvenClosed(token);
    if (!session?.video || !isEditorOf(session, sender, true)) {
      throw new UserError(i18n.t('error.editorExpired'), { isExpired: true });
    }
    if (session.editorFrameId === undefined && sender.frameId !== undefined) {
      await bindSessionEditor(token, sender.frameId);
    }
    return session;
  }

  return {
    runCommand,
    clipSelection,
    editorReported,
    async onMessage(message: unknown, sender: Sender): Promise<Answer> {
      const kind = senderKind(sender, deps.extensionId, deps.extensionOrigin);
      const accepted = acceptRequest(message, kind);
      if (!accepted.ok) return accepted;
      try {
        return { ok: true, value: await handle(accepted.request, sender, kind) };
      } catch (error) {
        if (error instanceof UserError) {
          return error.isExpired
            ? { ok: false, error: error.message, isExpired: true }
            : { ok: false, error: error.message };
        }
        console.error('Cuecards: request failed', accepted.request.type, error);
        return { ok: false, error: i18n.t('error.couldNotSave') };
      }
    },
  };
}

class UserError extends Error {
  readonly isExpired: boolean;
  constructor(message: string, options: { isExpired?: boolean } = {}) {
    super(message);
    this.isExpired = options.isExpired ?? false;
  }
}

/** An id for a push the worker makes up itself (a menu click): delivered once, acted on once. */
const newRequestId = () => crypto.randomUUID();

/** A new note or card gets its id when its editor opens; an edit keeps the one it has. */
function withOwnId(target: ComposerTarget): ComposerTarget {
  if (target.kind === 'note') return { ...target, noteId: target.noteId ?? uuidv7(Date.now()) };
  if (target.kind === 'card') return { ...target, cardId: target.cardId ?? uuidv7(Date.now()) };
  return target;
}

/**
 * Whether `sender` is the editor frame of `session`: in the tab whose overlay opened it, and
 * the frame bound to it (or, with `mayBind`, any frame while none is bound yet).
 */
function isEditorOf(session: ComposerSession, sender: Sender, mayBind = false): boolean {
  if (sender.tab?.id !== session.tabId || sender.frameId === undefined) return false;
  if (session.editorFrameId === undefined) return mayBind;
  return session.editorFrameId === sender.frameId;
}

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
