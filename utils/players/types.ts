// What an adapter tells the overlay of its player; nothing else knows which player it is.
import type { VideoInfo } from '../model/records';

/** One adapter per player family; the overlay only ever talks to this. */
export interface Player {
  readonly family: 'html5' | 'youtube' | 'vimeo';
  readonly video: HTMLVideoElement;
  /** Where the overlay mounts: inside the player, so it stays visible in fullscreen. */
  readonly container: HTMLElement;
  /** The site's own progress bar, where note markers go; null draws a strip of our own. */
  progressBar(): HTMLElement | null;
  /** What this video is, read from the page (untrusted: validated before it is sent). */
  identify(): VideoInfo | undefined;
  /** Calls back when the page moves to another video without reloading. */
  onNavigate(callback: () => void): () => void;
}

export function clampTitle(title: string): string {
  return title.replace(/\s+/g, ' ').trim().slice(0, 500);
}

export function finiteDuration(video: HTMLVideoElement): number | undefined {
  return Number.isFinite(video.duration) && video.duration > 0 ? video.duration : undefined;
}
