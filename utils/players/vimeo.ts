// The adapter for Vimeo's player, on vimeo.com and in its embeds.
import { identifyVideo } from '../model/video-key';
import { clampTitle, finiteDuration, type Player } from './types';

export function vimeoPlayer(video: HTMLVideoElement, doc = document): Player {
  const container =
    video.closest<HTMLElement>('.player, .vp-player-layout') ?? video.parentElement ?? doc.body;
  return {
    family: 'vimeo',
    video,
    container,
    progressBar: () => null,
    identify() {
      const identity = identifyVideo(doc.location.href);
      if (identity?.provider !== 'vimeo') return undefined;
      const title = clampTitle(doc.title.replace(/ (from .+ )?on Vimeo$/, ''));
      return { ...identity, title, duration: finiteDuration(video) };
    },
    onNavigate(callback) {
      const win = doc.defaultView ?? window;
      win.addEventListener('popstate', callback);
      return () => win.removeEventListener('popstate', callback);
    },
  };
}
