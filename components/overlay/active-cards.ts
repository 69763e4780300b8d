import { useEffect, useMemo, useState } from 'preact/hooks';
import { buildIntervalIndex } from '@/utils/interval-index';
import type { CardRecord } from '@/utils/records';

/**
 * The cards active at the video's current time. Between two change points of the index
 * nothing can change, so instead of checking every frame (a requestVideoFrameCallback loop
 * wakes the page's main thread for each frame: ~40 ms per second of playback, measured) it
 * sets one timer to just before the next change point, at the playback rate, then follows
 * the last few frames to the exact one. Seeks, rate changes and timeupdate check again.
 * While paused it does nothing at all.
 */
export function useActiveCards(
  video: HTMLVideoElement,
  cards: readonly CardRecord[],
  onAppearWhilePlaying: () => void,
): CardRecord[] {
  const index = useMemo(() => buildIntervalIndex(cards), [cards]);
  const [active, setActive] = useState<CardRecord[]>([]);

  useEffect(() => {
    let checkedAt = Number.POSITIVE_INFINITY;
    let validUntil = Number.NEGATIVE_INFINITY;
    // Starts unknown, so the first check always publishes (the index may have changed).
    let shown: Set<string> | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let frameRequest: number | undefined;
    const hasFrameCallback = 'requestVideoFrameCallback' in video;

    const check = (isJump: boolean) => {
      const t = video.currentTime;
      if (isJump || t < checkedAt || t >= validUntil) {
        const now = index.activeAt(t);
        checkedAt = t;
        validUntil = index.nextChangeAfter(t);
        const ids = new Set(now.map((card) => card.id));
        const appeared = shown !== undefined && now.some((card) => !shown?.has(card.id));
        if (shown === undefined || appeared || ids.size !== shown.size) setActive(now);
        shown = ids;
        if (appeared && !isJump && !video.paused) onAppearWhilePlaying();
      }
      scheduleNextChange();
    };

    const followFrames = () => {
      frameRequest = video.requestVideoFrameCallback(() => {
        frameRequest = undefined;
        check(false);
      });
    };

    const scheduleNextChange = () => {
      clearTimeout(timer);
      if (frameRequest !== undefined) video.cancelVideoFrameCallback(frameRequest);
      frameRequest = undefined;
      if (video.paused || !Number.isFinite(validUntil)) return;
      const wait = ((validUntil - video.currentTime) / (video.playbackRate || 1)) * 1000;
      if (hasFrameCallback) {
        // Wake a little early, then let the frames say when the change point is on screen.
        timer = setTimeout(followFrames, Math.max(0, wait - 60));
      } else {
        timer = setTimeout(() => check(false), Math.max(0, wait) + 1);
      }
    };

    const onJump = () => check(true);
    const onTick = () => check(false);

    check(true);
    const jumps = ['seeking', 'seeked', 'ratechange', 'loadedmetadata', 'emptied'];
    for (const type of jumps) video.addEventListener(type, onJump);
    for (const type of ['timeupdate', 'play', 'pause', 'playing']) {
      video.addEventListener(type, onTick);
    }
    return () => {
      clearTimeout(timer);
      if (frameRequest !== undefined) video.cancelVideoFrameCallback(frameRequest);
      for (const type of jumps) video.removeEventListener(type, onJump);
      for (const type of ['timeupdate', 'play', 'pause', 'playing']) {
        video.removeEventListener(type, onTick);
      }
    };
  }, [video, index]);

  return active;
}
