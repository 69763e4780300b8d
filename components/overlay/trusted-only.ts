/**
 * The events by which the viewer drives the overlay: pointer, mouse, keyboard and touch.
 * Focus events are left out: only the browser focuses an element, and it does so trustedly.
 */
const viewerEventTypes = [
  'click',
  'dblclick',
  'auxclick',
  'contextmenu',
  'mousedown',
  'mouseup',
  'mouseover',
  'mouseout',
  'mouseenter',
  'mouseleave',
  'mousemove',
  'pointerdown',
  'pointerup',
  'pointerover',
  'pointerout',
  'pointerenter',
  'pointerleave',
  'pointermove',
  'pointercancel',
  'touchstart',
  'touchend',
  'touchmove',
  'keydown',
  'keyup',
  'keypress',
  'wheel',
] as const;

const dropUntrusted = (event: Event) => {
  if (!event.isTrusted) event.stopImmediatePropagation();
};

/**
 * A page can `dispatchEvent` a click, a key or a pointer move at any element it reaches (a
 * shadow root it got hold of, the markers in a site's progress bar): none of them reaches a
 * listener inside `root`. A capturing listener on the root runs before any of its elements'.
 * Returns the removal.
 */
export function ignoreUntrustedEvents(root: EventTarget): () => void {
  for (const type of viewerEventTypes) root.addEventListener(type, dropUntrusted, true);
  return () => {
    for (const type of viewerEventTypes) root.removeEventListener(type, dropUntrusted, true);
  };
}
