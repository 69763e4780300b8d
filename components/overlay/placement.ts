import { useEffect, useState } from 'preact/hooks';
import { type Box, pictureBox } from '@/utils/timeline/geometry';
import { pinHostStyle } from './overlay-guard';

/**
 * Keeps the overlay's host exactly over the video element (it is mounted beside it, in
 * the player) and returns the picture's box inside it, black bars excluded.
 */
export function usePlacement(host: HTMLElement, video: HTMLVideoElement): Box {
  const [box, setBox] = useState<Box>(() => pictureBox(0, 0, 0, 0));

  useEffect(() => {
    const place = () => {
      const anchor = host.offsetParent as HTMLElement | null;
      const videoRect = video.getBoundingClientRect();
      let left = videoRect.left + window.scrollX;
      let top = videoRect.top + window.scrollY;
      if (anchor && !(anchor === document.body && getComputedStyle(anchor).position === 'static')) {
        const anchorRect = anchor.getBoundingClientRect();
        left = videoRect.left - anchorRect.left - anchor.clientLeft + anchor.scrollLeft;
        top = videoRect.top - anchorRect.top - anchor.clientTop + anchor.scrollTop;
      }
      pinHostStyle(host, { left, top, width: videoRect.width, height: videoRect.height });
      setBox(
        pictureBox(
          videoRect.width,
          videoRect.height,
          video.videoWidth,
          video.videoHeight,
          getComputedStyle(video).objectFit,
        ),
      );
    };
    place();
    const observer = new ResizeObserver(place);
    observer.observe(video);
    if (host.parentElement) observer.observe(host.parentElement);
    video.addEventListener('loadedmetadata', place);
    window.addEventListener('resize', place);
    document.addEventListener('fullscreenchange', place);
    return () => {
      observer.disconnect();
      video.removeEventListener('loadedmetadata', place);
      window.removeEventListener('resize', place);
      document.removeEventListener('fullscreenchange', place);
    };
  }, [host, video]);

  return box;
}

/** A box as style: in percent of the host, which covers the whole video element. */
export const percentStyle = (box: Box) => ({
  left: `${box.left}%`,
  top: `${box.top}%`,
  width: `${box.width}%`,
  height: `${box.height}%`,
});
