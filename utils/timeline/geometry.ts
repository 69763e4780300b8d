// Pure: where on the video the overlay draws, in percent, black bars left out.
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The part of a video element that shows the picture, in percent of the element, so the
 * overlay leaves the black bars alone. `object-fit: contain` is the default for video.
 */
export function pictureBox(
  elementWidth: number,
  elementHeight: number,
  videoWidth: number,
  videoHeight: number,
  objectFit = 'contain',
): Box {
  const full = { left: 0, top: 0, width: 100, height: 100 };
  if (!(elementWidth > 0 && elementHeight > 0 && videoWidth > 0 && videoHeight > 0)) return full;
  if (objectFit === 'fill' || objectFit === 'cover') return full;
  const scale = Math.min(elementWidth / videoWidth, elementHeight / videoHeight);
  const width = (videoWidth * scale * 100) / elementWidth;
  const height = (videoHeight * scale * 100) / elementHeight;
  return { left: (100 - width) / 2, top: (100 - height) / 2, width, height };
}

/** Where a marker for time `t` sits along a timeline, in percent, clamped to the bar. */
export function markerPercent(t: number, duration: number | undefined): number | undefined {
  if (!duration || !Number.isFinite(duration) || duration <= 0) return undefined;
  return Math.min(100, Math.max(0, (t / duration) * 100));
}
