import { browser } from 'wxt/browser';

/**
 * The tab the viewer is looking at. Opened as a page of its own (a pinned tab, a test),
 * the popup is that active tab: then it is the tab used just before.
 */
export async function currentVideoTab(): Promise<number | undefined> {
  const own = await browser.tabs.getCurrent();
  if (!own) {
    const [active] = await browser.tabs.query({ active: true, currentWindow: true });
    return active?.id;
  }
  const others = (await browser.tabs.query({})).filter((tab) => tab.id !== own.id);
  others.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  return others[0]?.id;
}
