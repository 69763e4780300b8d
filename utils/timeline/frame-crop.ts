// Pure: which pixels of a captured tab are the video's picture, and how large a frame is kept.
import type { Box } from './geometry';

/** Widest frame kept, in pixels: a 4K video's frame is kept at 1920 wide. */
export const maxFrameWidth = 1920;

/** A frame's size for a picture of `width` × `height`: its own, or 1920 wide at most. */
export function frameSize(width: number, height: number): { width: number; height: number } {
  if (width <= maxFrameWidth) return { width, height };
  return {
    width: maxFrameWidth,
    height: Math.max(1, Math.round((height * maxFrameWidth) / width)),
  };
}

export interface CropInput {
  /** The video element's content box (border and padding left out), in CSS pixels of the viewport. */
  element: Box;
  videoWidth: number;
  videoHeight: number;
  /** The element's computed `object-fit`. */
  objectFit: string;
  /** Its `object-position` as fractions of the free space (0.5, 0.5 is centred, the default). */
  objectPosition?: { x: number; y: number };
  /** The viewport in CSS pixels: what the tab capture shows. */
  viewport: { width: number; height: number };
  /** The page's devicePixelRatio (zoom included). */
  pixelRatio: number;
  /** The captured image's size in pixels, which the crop never leaves. */
  capture: { width: number; height: number };
  /** What lies over the picture and must not be in the frame (the overlay's controls), in CSS pixels. */
  excluded?: readonly Box[];
}

export interface Crop {
  /** The pixels of the captured image to keep, whole pixels inside the capture. */
  source: Box;
  /** The frame's size: the source's, 1920 wide at most. */
  width: number;
  height: number;
}

const right = (box: Box) => box.left + box.width;
const bottom = (box: Box) => box.top + box.height;

function intersect(a: Box, b: Box): Box | undefined {
  const left = Math.max(a.left, b.left);
  const top = Math.max(a.top, b.top);
  const width = Math.min(right(a), right(b)) - left;
  const height = Math.min(bottom(a), bottom(b)) - top;
  return width > 0 && height > 0 ? { left, top, width, height } : undefined;
}

/** Where the picture is drawn, in CSS pixels, before the element clips it. */
function renderedPicture(input: CropInput): Box {
  const { element, videoWidth, videoHeight } = input;
  const fit = Math.min(element.width / videoWidth, element.height / videoHeight);
  const scale =
    input.objectFit === 'cover'
      ? Math.max(element.width / videoWidth, element.height / videoHeight)
      : input.objectFit === 'none'
        ? 1
        : input.objectFit === 'scale-down'
          ? Math.min(1, fit)
          : fit;
  if (input.objectFit === 'fill') return element;
  const width = videoWidth * scale;
  const height = videoHeight * scale;
  const { x, y } = input.objectPosition ?? { x: 0.5, y: 0.5 };
  return {
    left: element.left + (element.width - width) * x,
    top: element.top + (element.height - height) * y,
    width,
    height,
  };
}

/** The largest part of `box` that `hole` does not touch: above, below, left or right of it. */
function largestPartBeside(box: Box, hole: Box): Box | undefined {
  if (!intersect(box, hole)) return box;
  const parts: Box[] = [
    { ...box, height: hole.top - box.top },
    { ...box, top: bottom(hole), height: bottom(box) - bottom(hole) },
    { ...box, width: hole.left - box.left },
    { ...box, left: right(hole), width: right(box) - right(hole) },
  ].filter((part) => part.width > 0 && part.height > 0);
  let best: Box | undefined;
  for (const part of parts) {
    if (!best || part.width * part.height > best.width * best.height) best = part;
  }
  return best;
}

/**
 * The pixels of a tab capture that show the video's picture: black bars (object-fit), what is
 * outside the viewport and what lies over it (the overlay's controls) left out, in device
 * pixels, rounded inwards so no pixel of a bar or a control gets in. Undefined when no
 * picture is visible.
 */
export function cropOfCapture(input: CropInput): Crop | undefined {
  const { element, videoWidth, videoHeight, viewport, pixelRatio, capture } = input;
  if (!(videoWidth > 0 && videoHeight > 0 && element.width > 0 && element.height > 0)) {
    return undefined;
  }
  if (!(pixelRatio > 0)) return undefined;
  const view = { left: 0, top: 0, width: viewport.width, height: viewport.height };
  const inElement = intersect(renderedPicture(input), element);
  let visible = inElement && intersect(inElement, view);
  for (const hole of input.excluded ?? []) {
    if (!visible) break;
    visible = largestPartBeside(visible, hole);
  }
  if (!visible) return undefined;
  const left = Math.max(0, Math.ceil(visible.left * pixelRatio - 1e-6));
  const top = Math.max(0, Math.ceil(visible.top * pixelRatio - 1e-6));
  const rightEdge = Math.min(capture.width, Math.floor(right(visible) * pixelRatio + 1e-6));
  const bottomEdge = Math.min(capture.height, Math.floor(bottom(visible) * pixelRatio + 1e-6));
  if (rightEdge <= left || bottomEdge <= top) return undefined;
  const source = { left, top, width: rightEdge - left, height: bottomEdge - top };
  return { source, ...frameSize(source.width, source.height) };
}
