import type { Player } from '@/utils/players';

// The page shares the DOM with the overlay's host and may remove it, move the video away
// from it or hide it with any style. The host's own look is therefore set inline and
// !important (which no page style sheet can beat), and put back whenever the page changes it.

/** How the host looks whatever the page's styles say: shown, untouched, over the video. */
const shownHostStyle: Record<string, string> = {
  display: 'block',
  visibility: 'visible',
  opacity: '1',
  'clip-path': 'none',
  mask: 'none',
  filter: 'none',
  transform: 'none',
  translate: 'none',
  scale: 'none',
  rotate: 'none',
  zoom: '1',
  margin: '0',
  'content-visibility': 'visible',
  'mix-blend-mode': 'normal',
  position: 'absolute',
  'z-index': '2147483000',
  'pointer-events': 'none',
};

const pinnedStyles = new WeakMap<HTMLElement, string>();

/** Sets the host over the box (in px of its offset parent), where no page style can move it. */
export function pinHostStyle(
  host: HTMLElement,
  box: { left: number; top: number; width: number; height: number },
): void {
  const declarations = {
    ...shownHostStyle,
    left: `${box.left}px`,
    top: `${box.top}px`,
    width: `${box.width}px`,
    height: `${box.height}px`,
  };
  for (const [name, value] of Object.entries(declarations)) {
    host.style.setProperty(name, value, 'important');
  }
  pinnedStyles.set(host, host.style.cssText);
}

/** Puts back the host's inline style if the page changed it. */
export function restoreHostStyle(host: HTMLElement): void {
  const pinned = pinnedStyles.get(host);
  if (pinned !== undefined && host.style.cssText !== pinned) host.style.cssText = pinned;
}

/** Below this the page has all but faded the element out. */
const minimumOpacity = 0.5;

/**
 * Whether the viewer can see the element: laid out, not hidden or faded out by it or by any
 * element around it (through shadow roots too).
 */
export function isShown(element: Element): boolean {
  if (!element.isConnected) return false;
  if (!element.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) {
    return false;
  }
  const rect = element.getBoundingClientRect();
  if (rect.width < 1 || rect.height < 1) return false;
  let opacity = 1;
  for (let node: Element | null = element; node; node = composedParent(node)) {
    opacity *= Number(getComputedStyle(node).opacity);
    if (opacity < minimumOpacity) return false;
  }
  return true;
}

function composedParent(node: Element): Element | null {
  if (node.parentElement) return node.parentElement;
  const root = node.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** How often the overlay looks whether the page took it away; well under the second it has. */
export const guardIntervalMs = 200;

/**
 * Puts the overlay back when the page took it away: the host back in the player, its style
 * back; when the page moved the video to another parent, `onVideoMoved` mounts it there.
 * A video the page removed is left alone: a `play` brings the overlay to the next one.
 */
export function restoreOverlay(host: HTMLElement, player: Player, onVideoMoved: () => void): void {
  const { video, container } = player;
  if (!video.isConnected) return;
  if (!container.contains(video)) {
    onVideoMoved();
    return;
  }
  if (host.parentNode !== container) container.append(host);
  restoreHostStyle(host);
}
