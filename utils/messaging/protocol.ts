// The protocol: every request, push and port message as a schema, its type derived from it, and who may send what.
import * as v from 'valibot';
import { i18n } from '#i18n';
import {
  CardRecordSchema,
  cardKind,
  cardText,
  cardTitle,
  describeIssue,
  httpUrl,
  recordId as id,
  limits,
  NoteRecordSchema,
  noteText,
  seconds,
  timestamp,
  VideoInfoSchema,
  videoKey,
} from '../model/records';
import type { SyncProblem, SyncStatus } from '../sync/status';

const token = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9_-]{16,64}$/, () => i18n.t('request.token')),
);
const tabId = v.pipe(v.number(), v.integer(), v.minValue(0));
const frameId = v.pipe(v.number(), v.integer(), v.minValue(0));
// A share link's payload is capped at 64,000 characters; the page address comes on top.
const shareLinkChars = 72_000;
// A deck file's size cap (see formats/deck-file.ts).
const deckFileBytes = 2_000_000;

/** Text clipped from a page into a new card: the editor opens with it for the viewer to adjust. */
export const CardPrefillSchema = v.strictObject({
  text: cardText,
  start: v.optional(seconds),
  source: v.optional(httpUrl),
});
export type CardPrefill = v.InferOutput<typeof CardPrefillSchema>;

/** What the editor edits: a note or a card, new (at time t) or existing. */
export const ComposerTargetSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('note'), t: seconds, noteId: v.optional(id) }),
  v.strictObject({
    kind: v.literal('card'),
    t: seconds,
    cardId: v.optional(id),
    prefill: v.optional(CardPrefillSchema),
  }),
  // A share link's deck, shown for the viewer to import or not; `t` is where the video was.
  v.strictObject({
    kind: v.literal('deck'),
    t: seconds,
    link: v.pipe(
      v.string(),
      v.maxLength(shareLinkChars, () => i18n.t('request.linkTooLong')),
    ),
  }),
]);
export type ComposerTarget = v.InferOutput<typeof ComposerTargetSchema>;

/**
 * What the viewer did in the notes list's frame, for the overlay to carry out: it owns the
 * video, the editor and the undo. Notes are named by id, so the list can only act on notes
 * the overlay shows.
 */
export const NotesListActionSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('seek'), noteId: id }),
  v.strictObject({ kind: v.literal('edit'), noteId: id }),
  v.strictObject({ kind: v.literal('delete'), noteId: id }),
  v.strictObject({ kind: v.literal('export'), how: v.picklist(['copy', 'download']) }),
  v.strictObject({ kind: v.literal('close') }),
  // The list's own height, so the frame fits it and covers no more of the video than it needs.
  v.strictObject({
    kind: v.literal('size'),
    height: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000)),
  }),
]);
export type NotesListAction = v.InferOutput<typeof NotesListActionSchema>;

const commandName = v.picklist(['add-note', 'add-card']);
export type CommandName = v.InferOutput<typeof commandName>;

/** Requests to the background, by `browser.runtime.sendMessage`. */
export const RequestSchema = v.variant('type', [
  // The detector found a video in its frame.
  v.strictObject({ type: v.literal('overlay.inject') }),
  // A keyboard shortcut pressed on a page (browser commands never see synthetic keys). Its
  // id goes with the editor it opens, so a shortcut sent again opens one editor.
  v.strictObject({ type: v.literal('command'), name: commandName, id: token }),
  v.strictObject({ type: v.literal('note.delete'), id, updatedAt: timestamp }),
  v.strictObject({ type: v.literal('note.restore'), id, updatedAt: timestamp }),
  v.strictObject({ type: v.literal('card.delete'), id, updatedAt: timestamp }),
  v.strictObject({ type: v.literal('card.restore'), id, updatedAt: timestamp }),
  v.strictObject({
    type: v.literal('composer.open'),
    token,
    video: VideoInfoSchema,
    target: ComposerTargetSchema,
  }),
  v.strictObject({ type: v.literal('composer.session'), token }),
  v.strictObject({
    type: v.literal('composer.submit'),
    token,
    note: v.strictObject({
      id,
      text: noteText,
      createdAt: timestamp,
      updatedAt: timestamp,
    }),
  }),
  v.strictObject({
    type: v.literal('composer.submit-card'),
    token,
    card: v.strictObject({
      id,
      start: seconds,
      end: seconds,
      title: cardTitle,
      text: cardText,
      link: v.optional(httpUrl),
      kind: cardKind,
      createdAt: timestamp,
      updatedAt: timestamp,
    }),
  }),
  v.strictObject({ type: v.literal('composer.close'), token, saved: v.boolean() }),
  // An editor whose session was lost (the browser forgot it) opens it again, as it had it,
  // to save what the viewer typed: from the editor's own frame only.
  v.strictObject({
    type: v.literal('composer.resume'),
    token,
    video: VideoInfoSchema,
    target: ComposerTargetSchema,
  }),
  // The overlay whose editor has the keyboard: the tab's other frames hold the viewer's keys.
  v.strictObject({ type: v.literal('composer.keys'), token, isHeld: v.boolean() }),
  // The overlay opens its notes list: a frame of ours that reads the notes from the worker.
  v.strictObject({ type: v.literal('notes.open'), token, videoKey }),
  // From the notes list's frame, for the overlay that opened it.
  // `id` tells the overlay an action delivered twice, so it acts once.
  v.strictObject({
    type: v.literal('notes.act'),
    token,
    id: token,
    action: NotesListActionSchema,
  }),
  v.strictObject({ type: v.literal('tab.videos'), tabId }),
  v.strictObject({ type: v.literal('tab.seek'), tabId, frameId, t: seconds }),
  v.strictObject({
    type: v.literal('tab.edit-card'),
    tabId,
    frameId,
    cardId: id,
    commandId: v.optional(token),
  }),
  // The Markdown export of the video this frame's overlay shows.
  v.strictObject({ type: v.literal('video.markdown') }),
  // A deck file's text, validated whole by the background before anything is written.
  v.strictObject({
    type: v.literal('deck.import'),
    text: v.pipe(
      v.string(),
      v.maxLength(deckFileBytes, () =>
        i18n.t('request.tooLarge', [String(deckFileBytes / 1_000_000)]),
      ),
    ),
    from: v.pipe(v.string(), v.maxLength(limits.url)),
  }),
  // The viewer asked to see the deck of the share link their tab was opened with: it opens in
  // an extension tab, which the page can neither cover nor click through.
  v.strictObject({ type: v.literal('share.preview') }),
  // That tab asks for the link it shows.
  v.strictObject({ type: v.literal('share.offer'), token }),
  // Sync, from extension pages only: the credentials never pass through a page.
  v.strictObject({
    type: v.literal('sync.connect'),
    address: v.pipe(v.string(), v.maxLength(limits.url)),
    user: v.pipe(v.string(), v.maxLength(256)),
    password: v.pipe(v.string(), v.maxLength(1024)),
    passphrase: v.pipe(v.string(), v.maxLength(1024)),
  }),
  // A round with the server now: the viewer asked, or the popup or library opened.
  v.strictObject({ type: v.literal('sync.now') }),
  v.strictObject({ type: v.literal('sync.disconnect') }),
]);
export type Request = v.InferOutput<typeof RequestSchema>;
export type RequestType = Request['type'];

/** What a content script may ask: notes and cards of videos, nothing more. */
const contentScriptRequests: ReadonlySet<RequestType> = new Set([
  'overlay.inject',
  'command',
  'note.delete',
  'note.restore',
  'card.delete',
  'card.restore',
  'composer.open',
  'composer.keys',
  'notes.open',
  // Only the Markdown of the video the asking frame itself shows, which it already has.
  'video.markdown',
  // Only for the link of a top-level frame, as the browser reports its address.
  'share.preview',
]);

/**
 * An extension page of its own tab or the popup; one in a frame of a web page's tab (the
 * editor), which the page can cover or make invisible; a content script; anyone else.
 */
export type SenderKind = 'extension-page' | 'extension-frame' | 'content-script' | 'foreign';

/** Imports are deliberate acts on a surface the page cannot cover: not from a frame in it. */
const coverableRefused: ReadonlySet<RequestType> = new Set(['deck.import']);

export interface Sender {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

/**
 * Extension pages are told apart by their URL, not by `sender.tab`: the composer is an
 * extension page that lives inside a tab.
 */
export function senderKind(sender: Sender, extensionId: string, extensionOrigin: string) {
  if (sender.id !== extensionId) return 'foreign' as const;
  if (sender.url?.startsWith(extensionOrigin)) {
    const isInPageFrame = sender.tab !== undefined && sender.frameId !== 0;
    return isInPageFrame ? ('extension-frame' as const) : ('extension-page' as const);
  }
  if (sender.tab?.id !== undefined) return 'content-script' as const;
  return 'foreign' as const;
}

export type Accepted = { ok: true; request: Request } | { ok: false; error: string };

/** Validates a request whole and applies the sender policy. */
export function acceptRequest(message: unknown, kind: SenderKind): Accepted {
  if (kind === 'foreign') return { ok: false, error: i18n.t('request.unknownSender') };
  const parsed = v.safeParse(RequestSchema, message);
  if (!parsed.success)
    return { ok: false, error: i18n.t('request.invalid', [describeIssue(parsed.issues)]) };
  const request = parsed.output;
  if (kind === 'content-script' && !contentScriptRequests.has(request.type)) {
    return { ok: false, error: i18n.t('request.notFromPage', [request.type]) };
  }
  if (kind === 'extension-frame' && coverableRefused.has(request.type)) {
    return { ok: false, error: i18n.t('request.notFromPage', [request.type]) };
  }
  return { ok: true, request };
}

/** A refusal says why; `isExpired` when the editor's session is gone (its text is not). */
export type Response<T = undefined> =
  | { ok: true; value: T }
  | { ok: false; error: string; isExpired?: true };

/** Pushes from the background to an overlay over its port. */
export const PushSchema = v.variant('type', [
  // Everything an overlay shows of its video: the notes, and the cards of enabled decks.
  v.strictObject({
    type: v.literal('annotations'),
    videoKey,
    notes: v.array(NoteRecordSchema),
    cards: v.array(CardRecordSchema),
  }),
  v.strictObject({ type: v.literal('seek'), t: seconds }),
  v.strictObject({
    type: v.literal('open-composer'),
    kind: v.picklist(['note', 'card']),
    cardId: v.optional(id),
    prefill: v.optional(CardPrefillSchema),
    // The shortcut's (or request's) id: the overlay opens one editor per id.
    commandId: v.optional(token),
  }),
  v.strictObject({ type: v.literal('composer.closed'), token, saved: v.boolean() }),
  v.strictObject({
    type: v.literal('notes.act'),
    token,
    id: token,
    action: NotesListActionSchema,
  }),
]);
export type Push = v.InferOutput<typeof PushSchema>;

/** The notes list's frame and the worker: it names its session, and is sent the notes. */
export const notesListPortName = 'cuecards-notes-list';
export const NotesListHelloSchema = v.strictObject({ type: v.literal('notes.watch'), token });
export type NotesListHello = v.InferOutput<typeof NotesListHelloSchema>;
export interface NotesListPush {
  type: 'notes';
  notes: v.InferOutput<typeof NoteRecordSchema>[];
}

/** Messages from an overlay to the background over its port. */
export const PortMessageSchema = v.variant('type', [
  v.strictObject({ type: v.literal('watch'), video: VideoInfoSchema }),
  // Which overlay a shortcut goes to: the video playing, else the one last used.
  v.strictObject({ type: v.literal('activity'), isPlaying: v.boolean() }),
  // The editor this overlay shows (none: `token` left out). Said again after every
  // reconnect: one closed meanwhile is then closed by a push.
  v.strictObject({ type: v.literal('editor'), token: v.optional(token) }),
]);
export type PortMessage = v.InferOutput<typeof PortMessageSchema>;

export const overlayPortName = 'cuecards-overlay';

export interface ComposerSession {
  token: string;
  tabId: number;
  /** The frame whose overlay opened the editor. */
  frameId: number;
  /** The editor's own frame, bound to the session when it first asks for it. */
  editorFrameId?: number;
  video: v.InferOutput<typeof VideoInfoSchema>;
  target: ComposerTarget;
}

/** A share link a top-level page was opened with, offered in an extension tab. */
export interface SharedDeckOffer {
  link: string;
  /** The tab the link was opened in, to go back to once the viewer has chosen. */
  tabId: number;
  video: v.InferOutput<typeof VideoInfoSchema>;
}

export interface TabVideo {
  frameId: number;
  video: v.InferOutput<typeof VideoInfoSchema>;
}

/** What the background answers to each request. */
export interface ResponseValue {
  'overlay.inject': boolean;
  command: boolean;
  'note.delete': 'written' | 'ignored';
  'note.restore': 'written' | 'ignored';
  'composer.open': true;
  'composer.session': {
    video: ComposerSession['video'];
    target: ComposerTarget;
    note?: { id: string; text: string; createdAt: number; t: number };
    card?: v.InferOutput<typeof CardRecordSchema>;
  };
  'composer.submit': 'written' | 'ignored';
  'composer.submit-card': 'written' | 'ignored';
  'card.delete': 'written' | 'ignored';
  'card.restore': 'written' | 'ignored';
  'tab.edit-card': boolean;
  'deck.import': { deckId: string; cardsWritten: number; title: string; cardCount: number };
  'composer.close': boolean;
  'composer.resume': true;
  'composer.keys': boolean;
  'notes.open': true;
  'notes.act': boolean;
  'video.markdown': { name: string; text: string };
  'tab.videos': TabVideo[];
  'tab.seek': boolean;
  'share.preview': true;
  'share.offer': SharedDeckOffer;
  /** The status after connecting, or the problem that stopped it (nothing was kept then). */
  'sync.connect': { ok: true; status: SyncStatus } | { ok: false; problem: SyncProblem };
  'sync.now': SyncStatus;
  'sync.disconnect': SyncStatus;
}

export type ResponseTo<T extends RequestType> = Response<ResponseValue[T]>;
