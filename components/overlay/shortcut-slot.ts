/**
 * Where the detector tells the overlay of its frame, in the isolated world the two content
 * scripts share (the page cannot see it), that the viewer pressed a shortcut and, once the
 * worker answered (or never did), whether an overlay was sent it. The overlay then knows to
 * tell the viewer why no editor opened.
 */
export const shortcutSlot = Symbol.for('cuecards.shortcut');

/** `answer` is left out when the key is pressed; `false` when the worker never answered. */
export type ShortcutReport = (id: string, answer?: unknown) => void;

type Slot = Record<typeof shortcutSlot, ShortcutReport | undefined>;

export function setShortcutReport(report: ShortcutReport | undefined, scope = globalThis): void {
  (scope as unknown as Slot)[shortcutSlot] = report;
}

export function shortcutReport(scope = globalThis): ShortcutReport | undefined {
  return (scope as unknown as Slot)[shortcutSlot];
}

/** Whether the worker's answer to a shortcut says an overlay was sent it. */
export function wasShortcutSent(answer: unknown): boolean {
  return (answer as { ok?: boolean; value?: unknown } | undefined)?.value === true;
}
