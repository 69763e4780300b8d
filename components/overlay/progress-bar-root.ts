import { useEffect, useState } from 'preact/hooks';
import { shadowRootMode } from '@/components/overlay/shadow-mode';
import type { Player } from '@/utils/players';
import markersCss from './markers.css?inline';
import { ignoreUntrustedEvents } from './trusted-only';

/**
 * Markers live inside the site's own progress bar (as on YouTube), in a closed shadow
 * root of their own so the page cannot read the notes. Returns where to render them.
 */
export function useProgressBarRoot(player: Player): HTMLElement | undefined {
  const [root, setRoot] = useState<HTMLElement>();
  useEffect(() => {
    const bar = player.progressBar();
    if (!bar) return;
    const host = document.createElement('cuecards-markers');
    Object.assign(host.style, { position: 'absolute', inset: '0', pointerEvents: 'none' });
    const shadow = host.attachShadow({ mode: shadowRootMode });
    const style = document.createElement('style');
    style.textContent = markersCss;
    const container = document.createElement('div');
    shadow.append(style, container);
    const stopIgnoring = ignoreUntrustedEvents(shadow);
    bar.append(host);
    setRoot(container);
    return () => {
      stopIgnoring();
      host.remove();
    };
  }, [player]);
  return root;
}
