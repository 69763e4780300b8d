// The adapter for a plain `<video>` and the players built on it.
import { identifyVideo } from '../model/video-key';
import { clampTitle, finiteDuration, type Player } from './types';

export function html5Player(video: HTMLVideoElement, doc = document): Player {
  return {
    family: 'html5',
    video,
    container: video.parentElement ?? doc.body,
    progressBar: () => null,
    identify() {
      const identity = identifyVideo(doc.location.href, video.currentSrc || video.src);
      if (!identity) return undefined;
      return { ...identity, title: clampTitle(doc.title), duration: finiteDuration(video) };
    },
    onNavigate(callback) {
      const win = doc.defaultView ?? window;
      win.addEventListener('popstate', callback);
      return () => win.removeEventListener('popstate', callback);
    },
  };
}
