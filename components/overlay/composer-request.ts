import type { CardPrefill, ComposerTarget, Push } from '@/utils/messaging/protocol';
import type { CardRecord, NoteRecord } from '@/utils/model/records';

/** What the viewer (or a shortcut, or the context menu) asks the editor to open on. */
export type ComposerRequest =
  | { kind: 'note'; note?: NoteRecord }
  | { kind: 'card'; card?: CardRecord; cardId?: string; prefill?: CardPrefill }
  | { kind: 'deck'; link: string };

/** The request a push from the background makes: a shortcut, or "Clip as trivia card". */
export function requestFromPush(push: Extract<Push, { type: 'open-composer' }>): ComposerRequest {
  return push.kind === 'card'
    ? { kind: 'card', cardId: push.cardId, prefill: push.prefill }
    : { kind: 'note' };
}

/** The editor's target: the note or card asked for at its own time, anything new at `now`. */
export function composerTarget(request: ComposerRequest, now: number): ComposerTarget {
  if (request.kind === 'note') {
    return { kind: 'note', t: request.note?.t ?? now, noteId: request.note?.id };
  }
  if (request.kind === 'deck') return { kind: 'deck', t: now, link: request.link };
  return {
    kind: 'card',
    t: request.card?.start ?? now,
    cardId: request.card?.id ?? request.cardId,
    prefill: request.prefill,
  };
}

/** A new note or card, not an edit nor a deck: the one kind of request the video rewinds for. */
export function isNewRequest(request: ComposerRequest): boolean {
  return (
    (request.kind === 'note' && !request.note) ||
    (request.kind === 'card' && !request.card && !request.cardId)
  );
}

/** The secret the editor frame's address carries: 24 random bytes, base64url without padding. */
export function newComposerToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, (c) => (c === '+' ? '-' : '_'));
}
