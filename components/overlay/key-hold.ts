/**
 * Where the overlay tells the detector, in the isolated world the two content scripts
 * share (the page cannot see it), whether a key that reached the page's document is to be
 * held back. The detector runs at document_start, so its key listeners on window come
 * before any of the page's: a key it stops there reaches no listener of the page.
 */
export const keyHoldSlot = Symbol.for('cuecards.keyHold');

/** True when the key belongs to an open editor and the page must not get it. */
export type KeyHold = (event: KeyboardEvent) => boolean;

type Slot = Record<typeof keyHoldSlot, KeyHold | undefined>;

export function setKeyHold(hold: KeyHold | undefined, scope = globalThis): void {
  (scope as unknown as Slot)[keyHoldSlot] = hold;
}

export function keyHold(scope = globalThis): KeyHold | undefined {
  return (scope as unknown as Slot)[keyHoldSlot];
}
