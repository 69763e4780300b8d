import { useState } from 'preact/hooks';

/** A share link carries its deck after `#cuecards=`; reading it waits for the viewer's say-so. */
export const hasSharedDeck = (url: string) => /#(?:.*&)?cuecards=/.test(url);

/**
 * Whether this frame was opened with a share link: a top-level navigation to it, whose address
 * the page has not rewritten since. An embed's fragment is the embedding page's to set, and
 * a fragment a script sets later is the page's, so neither offers anything. `performance` and
 * `location` are read in the content script's own world, where the page cannot redefine them.
 */
export function wasOpenedWithSharedDeck(win: Window = window): boolean {
  if (win.top !== win) return false;
  const [navigation] = win.performance.getEntriesByType('navigation');
  return (
    navigation !== undefined &&
    navigation.name === win.location.href &&
    hasSharedDeck(win.location.href)
  );
}

/**
 * Whether to offer the deck of the share link the tab was opened with, until the viewer takes
 * or dismisses it. The deck itself opens in an extension tab: never imported from the page.
 */
export function useSharedDeckOffer(): [isOffered: boolean, dismiss: () => void] {
  const [isOffered, setOffered] = useState(wasOpenedWithSharedDeck);
  return [isOffered, () => setOffered(false)];
}
