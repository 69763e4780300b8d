import { useEffect, useState } from 'preact/hooks';

/** A share link carries its deck after `#cuecards=`; reading it waits for the viewer's say-so. */
export const hasSharedDeck = (url: string) => /#(?:.*&)?cuecards=/.test(url);

/**
 * The share link the page's address carries, offered until the viewer takes or dismisses
 * it: a deck is never imported without the viewer's choice.
 */
export function useSharedDeckOffer(): [link: string | undefined, dismiss: () => void] {
  const [sharedLink, setSharedLink] = useState<string>();
  useEffect(() => {
    const check = () => setSharedLink(hasSharedDeck(location.href) ? location.href : undefined);
    check();
    window.addEventListener('hashchange', check);
    return () => window.removeEventListener('hashchange', check);
  }, []);
  return [sharedLink, () => setSharedLink(undefined)];
}
