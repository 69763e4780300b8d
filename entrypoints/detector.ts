// Runs in every frame of every page, so it stays tiny and cheap: it notices a video and asks
// the background for the overlay, nothing more. It is a plain script declared in the
// manifest by wxt.config.ts rather than a WXT content script: WXT's content-script context
// (location watcher, start-up messages) and an eager `runtime` lookup cost ~2.5 ms of script
// time on every page load, against ~0.3 ms for this.

type Runtime = { sendMessage(message: object): Promise<unknown> };

const shortcuts: Record<string, 'add-note' | 'add-card'> = { KeyN: 'add-note', KeyC: 'add-card' };

export default defineUnlistedScript(() => {
  let hasAsked = false;

  const isWatchable = (node: unknown): node is HTMLVideoElement =>
    node instanceof HTMLVideoElement && node.offsetWidth >= 160 && node.offsetHeight >= 90;

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

  const askForOverlay = () => {
    if (hasAsked) return;
    hasAsked = true;
    void send({ type: 'overlay.inject' }).then((answer) => {
      if (answer === undefined) hasAsked = false;
    });
  };

  const onMediaEvent = (event: Event) => {
    if (isWatchable(event.target)) askForOverlay();
  };

  // Browser commands never see synthetic keys and may be unset: the page-level shortcut goes
  // the same way as the command.
  const onKeyDown = (event: KeyboardEvent) => {
    const name = shortcuts[event.code];
    if (!name || !event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    void send({ type: 'command', name });
  };

  function stop() {
    sizing?.disconnect();
    document.removeEventListener('loadedmetadata', onMediaEvent, true);
    document.removeEventListener('play', onMediaEvent, true);
    window.removeEventListener('keydown', onKeyDown, true);
  }

  // A video not laid out yet (a frame still sizing, a player still building) gets a second
  // look once it has a size.
  let sizing: ResizeObserver | undefined;
  for (const video of document.getElementsByTagName('video')) {
    if (isWatchable(video)) askForOverlay();
    else {
      sizing ??= new ResizeObserver((entries) => {
        if (entries.some((entry) => isWatchable(entry.target))) {
          sizing?.disconnect();
          askForOverlay();
        }
      });
      sizing.observe(video);
    }
  }
  // Media events do not bubble, but they reach capturing listeners: this sees videos added
  // later (SPA navigation, lazy players) without watching every DOM mutation.
  document.addEventListener('loadedmetadata', onMediaEvent, true);
  document.addEventListener('play', onMediaEvent, true);
  window.addEventListener('keydown', onKeyDown, true);
});
