import { useEffect, useMemo, useState } from 'preact/hooks';
import type { CardRecord } from '@/utils/model/records';
import { buildIntervalIndex } from '@/utils/timeline/interval-index';

/**
 * The cards active at the video's current time. Between two change points of the index
 * nothing can change, so instead of checking every frame (a requestVideoFrameCallback loop
 * wakes the page's main thread for each frame: ~40 ms per second of playback, measured) it
 * sets one timer for the next change point, at the playback rate. Following the last frames
 * to the exact one cost 0.4 ms per change for a precision no reader of a card can see; the
 * timer lands within a few milliseconds. When it fires it reads the video's time again, so a
 * stall only makes it wait longer; seeks, rate changes, play and pause check at once.
 * `timeupdate` is not listened to: four wake-ups a second would correct nothing the timer
 * does not. While paused it does nothing at all.
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

    const scheduleNextChange = () => {
      clearTimeout(timer);
      if (video.paused || !Number.isFinite(validUntil)) return;
      const wait = ((validUntil - video.currentTime) / (video.playbackRate || 1)) * 1000;
      // A millisecond late, so the time read then is at or past the change point.
      timer = setTimeout(() => check(false), Math.max(0, wait) + 1);
    };

    const onJump = () => check(true);
    const onTick = () => check(false);

    check(true);
    const ticks = ['play', 'pause', 'playing'];
    const jumps = ['seeking', 'seeked', 'ratechange', 'loadedmetadata', 'emptied'];
    for (const type of jumps) video.addEventListener(type, onJump);
    for (const type of ticks) video.addEventListener(type, onTick);
    return () => {
      clearTimeout(timer);
      for (const type of jumps) video.removeEventListener(type, onJump);
      for (const type of ticks) video.removeEventListener(type, onTick);
    };
  }, [video, index]);

  return active;
}
