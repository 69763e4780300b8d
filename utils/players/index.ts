// The player chooser: which adapter a video gets, decided here only.
import { isVimeoHost, isYouTubeHost } from '../model/video-key';
import { html5Player } from './html5';
import type { Player } from './types';
import { isWatchableVideo } from './video-size';
import { vimeoPlayer } from './vimeo';
import { youTubePlayer } from './youtube';

export type { Player } from './types';
export { isWatchableVideo } from './video-size';

/** The one place that decides which adapter a video gets. */
export function choosePlayer(video: HTMLVideoElement, doc = document): Player {
  const { hostname } = doc.location;
  if (isYouTubeHost(hostname) && video.closest('.html5-video-player')) {
    return youTubePlayer(video, doc);
  }
  if (isVimeoHost(hostname)) return vimeoPlayer(video, doc);
  return html5Player(video, doc);
}

/** The video a viewer is watching in this document: the one playing, else the largest. */
export function primaryVideo(doc = document): HTMLVideoElement | undefined {
  let best: HTMLVideoElement | undefined;
  let bestScore = 0;
  for (const video of doc.getElementsByTagName('video')) {
    const area = video.offsetWidth * video.offsetHeight;
    if (!isWatchableVideo(video)) continue;
    const score = area * (video.paused ? 1 : 4);
    if (score > bestScore) {
      best = video;
      bestScore = score;
    }
  }
  return best;
}
