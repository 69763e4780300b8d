// The adapter for YouTube's player: its progress bar for markers, its in-page navigation.
import { identifyVideo } from '../model/video-key';
import { clampTitle, finiteDuration, type Player } from './types';

export function youTubePlayer(video: HTMLVideoElement, doc = document): Player {
  const container =
    video.closest<HTMLElement>('#movie_player, .html5-video-player') ??
    video.parentElement ??
    doc.body;
  return {
    family: 'youtube',
    video,
    container,
    progressBar: () => container.querySelector<HTMLElement>('.ytp-progress-bar'),
    identify() {
      const identity = identifyVideo(doc.location.href);
      if (identity?.provider !== 'youtube') return undefined;
      const embedTitle = container.querySelector('.ytp-title-link')?.textContent ?? '';
      const title = clampTitle(doc.title.replace(/ - YouTube$/, '')) || clampTitle(embedTitle);
      return { ...identity, title, duration: finiteDuration(video) };
    },
    onNavigate(callback) {
      // YouTube swaps videos in place and announces it with this event.
      doc.addEventListener('yt-navigate-finish', callback);
      return () => doc.removeEventListener('yt-navigate-finish', callback);
    },
  };
}
