import { isSiteDisabled } from '@/utils/model/settings';

/** Where a frame sits: its own host, and what it can tell of the page it is embedded in. */
export interface FramePlace {
  hostname: string;
  /** The origins of the frames around this one, the top page's last (Chromium only). */
  ancestorOrigins: readonly string[] | undefined;
  isTopFrame: boolean;
  referrer: string;
}

export function currentFramePlace(): FramePlace {
  return {
    hostname: location.hostname,
    ancestorOrigins: location.ancestorOrigins ? [...location.ancestorOrigins] : undefined,
    isTopFrame: window === window.top,
    referrer: document.referrer,
  };
}

/**
 * Whether the overlay stays off in this frame: on a site the viewer turned Cuecards off
 * for, and in an embed on such a site too.
 */
export function isOverlayDisabled(
  disabledSites: readonly string[],
  place: FramePlace = currentFramePlace(),
): boolean {
  if (isSiteDisabled(place.hostname, disabledSites)) return true;
  // Chromium tells a frame its ancestors' origins; elsewhere the referrer is the best guess.
  const top = place.ancestorOrigins?.at(-1) ?? (place.isTopFrame ? '' : place.referrer);
  if (!top) return false;
  try {
    return isSiteDisabled(new URL(top).hostname, disabledSites);
  } catch {
    return false;
  }
}
