import { useEffect } from 'preact/hooks';
import { mediaFragmentTime } from '@/utils/model/video-key';
import type { Player } from '@/utils/players';

/** A `#t=83` time link opens a plain video at that moment, also when followed on its page. */
export function useFragmentSeek(player: Player): void {
  useEffect(() => {
    if (player.family !== 'html5') return;
    const { video } = player;
    // Also ends the seeks still waiting for the video's metadata when the overlay goes.
    const listening = new AbortController();
    const seekToFragment = () => {
      const start = mediaFragmentTime(location.href);
      if (start === undefined) return;
      const apply = () => {
        video.currentTime = start;
      };
      if (video.readyState >= 1) apply();
      else {
        video.addEventListener('loadedmetadata', apply, { once: true, signal: listening.signal });
      }
    };
    seekToFragment();
    window.addEventListener('hashchange', seekToFragment, { signal: listening.signal });
    return () => listening.abort();
  }, [player]);
}
