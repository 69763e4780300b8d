/**
 * Run by the worker in every frame of a tab (in the extension's isolated world, shared with
 * the detector) while an editor in one of them has the keyboard. A page around an embedded
 * player may `focus()` an element of its own: the editor's frame then never hears a key,
 * so the frame that got focus holds the viewer's keys (through the detector, whose
 * listeners come before the page's) and hands focus back toward the editor. The viewer's
 * own click in that frame lets its keys go to it again.
 *
 * Serialized into the tab: it may use nothing from outside its body.
 */
export function holdTabKeys(isHeld: boolean): void {
  interface TabHold {
    (event: KeyboardEvent): boolean;
    stop?: () => void;
  }
  const slot = Symbol.for('cuecards.keyHold');
  const scope = globalThis as unknown as Record<symbol, TabHold | undefined>;
  const current = scope[slot];
  // The editor's own frame holds its keys itself: that hold has no `stop`.
  if (current && !current.stop) return;
  current?.stop?.();
  scope[slot] = undefined;
  if (!isHeld) return;
  // While the editor has focus, this frame's focused element leads to it.
  const towardEditor = document.activeElement;
  let isViewerAway = false;
  const onPointerDown = (event: Event) => {
    if (event.isTrusted) isViewerAway = true;
  };
  const hold: TabHold = () => {
    if (isViewerAway) return false;
    if (towardEditor instanceof HTMLIFrameElement && towardEditor.isConnected) {
      towardEditor.focus({ preventScroll: true });
    }
    return true;
  };
  hold.stop = () => window.removeEventListener('pointerdown', onPointerDown, true);
  window.addEventListener('pointerdown', onPointerDown, true);
  scope[slot] = hold;
}
