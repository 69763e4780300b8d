import { render } from 'preact';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import markersCss from '@/components/overlay/markers.css?inline';
import { Overlay } from '@/components/overlay/Overlay';
import overlayCss from '@/components/overlay/overlay.css?inline';
import { guardIntervalMs, restoreOverlay } from '@/components/overlay/overlay-guard';
import { shadowRootMode } from '@/components/overlay/shadow-mode';
import { ignorePageStartEvents } from '@/components/overlay/silent-start';
import { ignoreUntrustedEvents } from '@/components/overlay/trusted-only';
import { choosePlayer, isWatchableVideo, type Player, primaryVideo } from '@/utils/players';

// Injected by the background only into frames where the detector found a video.
export default defineContentScript({
  matches: ['<all_urls>'],
  registration: 'runtime',
  noScriptStartedPostMessage: true,
  async main(ctx) {
    ignorePageStartEvents(ctx);
    // The background may inject twice (a reload of the worker forgets what it did).
    const marker = Symbol.for('cuecards.overlay');
    const scope = globalThis as unknown as Record<symbol, boolean>;
    if (scope[marker]) return;
    scope[marker] = true;
    ctx.onInvalidated(() => {
      scope[marker] = false;
    });

    let current: { player: Player; host: HTMLElement; remove: () => void } | undefined;

    async function mount(video: HTMLVideoElement) {
      current?.remove();
      // Nothing to guard while the new one is being made.
      current = undefined;
      const player = choosePlayer(video);
      const ui = await createShadowRootUi(ctx, {
        name: 'cuecards-overlay',
        position: 'inline',
        anchor: player.container,
        append: 'last',
        mode: shadowRootMode,
        inheritStyles: true,
        isolateEvents: true,
        css: overlayCss + markersCss,
        onMount: (container, shadow, host) => {
          // Only the viewer's own clicks and keys drive the overlay, never the page's.
          const stopIgnoring = ignoreUntrustedEvents(shadow);
          render(<Overlay player={player} host={host} onOrphaned={() => ctx.abort()} />, container);
          return { container, stopIgnoring };
        },
        onRemove: (mounted) => {
          if (!mounted) return;
          render(null, mounted.container);
          mounted.stopIgnoring();
        },
      });
      ui.mount();
      current = { player, host: ui.shadowHost, remove: () => ui.remove() };
    }

    // The page may take the overlay away (remove it, hide it, move the video): it comes back.
    ctx.setInterval(() => {
      const shown = current;
      if (!shown) return;
      restoreOverlay(shown.host, shown.player, () => void mount(shown.player.video));
    }, guardIntervalMs);

    const first = primaryVideo();
    if (first) await mount(first);
    else {
      // Injected before the video has its size (a frame still laying out): mount once it has.
      const sizing = new ResizeObserver(() => {
        const video = primaryVideo();
        if (!video || current) return;
        sizing.disconnect();
        void mount(video);
      });
      for (const video of document.getElementsByTagName('video')) sizing.observe(video);
      ctx.onInvalidated(() => sizing.disconnect());
    }
    // Several videos in one frame: the overlay follows the one being watched.
    ctx.addEventListener(
      document,
      'play',
      (event) => {
        const video = event.target;
        // A `play` the page fires itself must not move the overlay onto a decoy.
        if (!event.isTrusted || !isWatchableVideo(video) || video === current?.player.video) {
          return;
        }
        void mount(video);
      },
      { capture: true },
    );
  },
});
