// Runs in every frame of every page, so it stays tiny and cheap: it notices a video and asks
// the background for the overlay, nothing more. On a page without video it only listens. It is a plain script declared in the
// manifest by wxt.config.ts rather than a WXT content script: WXT's content-script context
// (location watcher, start-up messages) and an eager `runtime` lookup cost ~2.5 ms of script
// time on every page load, against ~0.3 ms for this.

import { keyHold } from '@/components/overlay/key-hold';
import { shortcutReport } from '@/components/overlay/shortcut-slot';
import { isWatchableVideo } from '@/utils/players/video-size';

type Runtime = { sendMessage(message: object): Promise<unknown> };

const shortcuts: Record<string, 'add-note' | 'add-card'> = { KeyN: 'add-note', KeyC: 'add-card' };

export default defineUnlistedScript(() => {
  let hasAsked = false;

  // Looked up only when needed: the first touch of the extension API is what costs.
  const send = (message: object) => {
    try {
      const api = globalThis as unknown as {
        browser?: { runtime: Runtime };
        chrome: { runtime: Runtime };
      };
      return (api.browser ?? api.chrome).runtime.sendMessage(message).catch(() => undefined);
    } catch {
      // Orphaned by an extension update or removal: stop listening for good.
      stop();
      return Promise.resolve(undefined);
    }
  };

  // The worker may still be starting (a browser just opened, a busy machine) or be stopped
  // while it handles the message: ask again until it answers, backing off, for about half a
  // minute. Calls `done` with the answer, or `false` if it never came.
  const sendUntilAnswered = (message: object, done: (answer: unknown) => void, attempt = 0) =>
    void send(message).then((answer) => {
      if (answer !== undefined) done(answer);
      else if (attempt < 9) {
        setTimeout(sendUntilAnswered, 50 * 2 ** attempt, message, done, attempt + 1);
      } else done(false);
    });

  const askForOverlay = () => {
    if (hasAsked) return;
    hasAsked = true;
    sendUntilAnswered({ type: 'overlay.inject' }, (answer) => {
      hasAsked = answer !== false;
    });
  };

  // A video not laid out yet (a frame still sizing, a player still building) gets a second
  // look once it has a size.
  let sizing: ResizeObserver | undefined;
  const onMediaEvent = (event: Event) => {
    const video = event.target;
    // A page can fire `play` at a video of its choosing: only the browser's own count.
    if (hasAsked || !event.isTrusted || !(video instanceof HTMLVideoElement)) return;
    if (isWatchableVideo(video)) return askForOverlay();
    sizing ??= new ResizeObserver((entries) => {
      if (entries.some((entry) => isWatchableVideo(entry.target))) {
        sizing?.disconnect();
        askForOverlay();
      }
    });
    sizing.observe(video);
  };

  // While an editor is open the overlay asks to hold the viewer's keys that land on the page
  // (a page that took focus away from the editor must not get them).
  const isKeyHeld = (event: KeyboardEvent) => {
    if (!event.isTrusted || !keyHold()?.(event)) return false;
    event.stopImmediatePropagation();
    event.preventDefault();
    return true;
  };

  // Browser commands may be unset: the page-level shortcut goes the same way as the command.
  // Like a command it answers the viewer's keys only, never keys the page makes up.
  const onKeyDown = (event: KeyboardEvent) => {
    if (isKeyHeld(event)) return;
    const name = shortcuts[event.code];
    if (
      !name ||
      !event.isTrusted ||
      !event.altKey ||
      !event.shiftKey ||
      event.ctrlKey ||
      event.metaKey
    )
      return;
    event.preventDefault();
    // One id for every delivery of this press: the overlay opens one editor for it.
    // (`crypto.randomUUID` needs a secure page; this works on any.)
    const id = Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) => byte + 100).join(
      '',
    );
    // The overlay of this frame, if any, tells the viewer when no editor opens soon.
    shortcutReport()?.(id);
    sendUntilAnswered({ type: 'command', name, id }, (answer) => shortcutReport()?.(id, answer));
  };

  function stop() {
    sizing?.disconnect();
    window.removeEventListener('loadstart', onMediaEvent, true);
    window.removeEventListener('play', onMediaEvent, true);
    window.removeEventListener('keydown', onKeyDown, true);
    window.removeEventListener('keypress', isKeyHeld, true);
    window.removeEventListener('keyup', isKeyHeld, true);
  }

  // It runs at document_start, before any video can load, so listening is enough: nothing
  // on the page is read until a video speaks. Every video with a source fires `loadstart`
  // (even with preload="none", and before any network), and media events, though they do not
  // bubble, reach capturing listeners on window: this sees videos added later too (SPA
  // navigation, lazy players).
  window.addEventListener('loadstart', onMediaEvent, true);
  window.addEventListener('play', onMediaEvent, true);
  window.addEventListener('keydown', onKeyDown, true);
  window.addEventListener('keypress', isKeyHeld, true);
  window.addEventListener('keyup', isKeyHeld, true);
  // A frame whose detector starts late (its process began before the extension's scripts
  // reached it) misses `loadstart`; looking at `document` here would cost every page
  // ~0.13 ms, so instead the background checks the tab's other frames when any frame asks,
  // and `play` or the shortcut still bring the overlay.
});
