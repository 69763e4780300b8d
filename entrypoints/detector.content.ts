import { browser } from 'wxt/browser';

// Runs in every frame of every page: it stays a few hundred bytes and does nothing more
// than notice a video and ask the background for the overlay.
const shortcuts: Record<string, string> = { KeyN: 'add-note', KeyC: 'add-card' };

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    let hasAsked = false;
    const send = (message: object) => browser.runtime.sendMessage(message);
    const isWatchable = (node: unknown): node is HTMLVideoElement =>
      node instanceof HTMLVideoElement && node.offsetWidth >= 160 && node.offsetHeight >= 90;
    const askForOverlay = () => {
      if (hasAsked) return;
      hasAsked = true;
      send({ type: 'overlay.inject' }).catch(() => {
        hasAsked = false;
      });
    };
    const onMediaEvent = (event: Event) => {
      if (isWatchable(event.target)) askForOverlay();
    };

    for (const video of document.getElementsByTagName('video')) {
      if (isWatchable(video)) askForOverlay();
    }
    // Media events do not bubble, but they reach capturing listeners: this sees videos
    // added later (SPA navigation, lazy players) without watching every DOM mutation.
    ctx.addEventListener(document, 'loadedmetadata', onMediaEvent, { capture: true });
    ctx.addEventListener(document, 'play', onMediaEvent, { capture: true });
    // Browser commands never see synthetic key events and may be unset: the page-level
    // shortcut goes the same way as the command.
    ctx.addEventListener(
      window,
      'keydown',
      (event) => {
        const name = shortcuts[event.code];
        if (!name || !event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return;
        event.preventDefault();
        send({ type: 'command', name }).catch(() => undefined);
      },
      { capture: true },
    );
  },
});
