import { useEffect, useMemo, useState } from 'preact/hooks';
import { buildIntervalIndex } from '@/utils/interval-index';
import type { CardRecord } from '@/utils/records';

/**
 * The cards active at the video's current time. Checks once per presented frame while
 * playing (requestVideoFrameCallback), and on every seek and rate change; between two
 * change points of the index it does no lookup, and while paused it does nothing at all.
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
    let frameHandle: number | undefined;
    const hasFrameCallback = 'requestVideoFrameCallback' in video;

    const check = (isJump: boolean) => {
      const t = video.currentTime;
      if (!isJump && t >= checkedAt && t < validUntil) return;
      const now = index.activeAt(t);
      checkedAt = t;
      validUntil = index.nextChangeAfter(t);
      const ids = new Set(now.map((card) => card.id));
      const appeared = shown !== undefined && now.some((card) => !shown?.has(card.id));
      if (shown === undefined || appeared || ids.size !== shown.size) setActive(now);
      shown = ids;
      if (appeared && !isJump && !video.paused) onAppearWhilePlaying();
      if (!hasFrameCallback) scheduleBoundary();
    };

    // Without frame callbacks, timeupdate comes only every ~250 ms: wake up at the boundary.
    const scheduleBoundary = () => {
      clearTimeout(timer);
      if (video.paused || !Number.isFinite(validUntil)) return;
      const wait = ((validUntil - video.currentTime) / (video.playbackRate || 1)) * 1000;
      timer = setTimeout(() => check(false), Math.max(0, wait) + 5);
    };

    const onFrame = () => {
      check(false);
      frameHandle = video.requestVideoFrameCallback(onFrame);
    };
    const onJump = () => check(true);
    const onTick = () => check(false);
    const onPlay = () => {
      check(false);
      if (hasFrameCallback && frameHandle === undefined) {
        frameHandle = video.requestVideoFrameCallback(onFrame);
      }
    };

    check(true);
    if (hasFrameCallback) frameHandle = video.requestVideoFrameCallback(onFrame);
    const jumps = ['seeking', 'seeked', 'ratechange', 'loadedmetadata', 'emptied'];
    for (const type of jumps) video.addEventListener(type, onJump);
    video.addEventListener('timeupdate', onTick);
    video.addEventListener('play', onPlay);
    video.addEventListener('pause', onTick);
    return () => {
      clearTimeout(timer);
      if (frameHandle !== undefined) video.cancelVideoFrameCallback(frameHandle);
      for (const type of jumps) video.removeEventListener(type, onJump);
      video.removeEventListener('timeupdate', onTick);
      video.removeEventListener('play', onPlay);
      video.removeEventListener('pause', onTick);
    };
  }, [video, index]);

  return active;
}
